// BetterHarness web UI: keyboard shortcuts, list selection and trend charts. Pages work without this file;
// it only adds to them. No eval, no inline handlers (the CSP forbids both).
(() => {
  "use strict";

  const typing = (el) => el instanceof HTMLElement &&
    (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName));

  // ---- list selection: j/k move through rows that have data-href, Enter opens -------------------------------
  const rows = () => Array.from(document.querySelectorAll("[data-list] [data-href], [data-list-item], .list-item"));
  let selected = -1;
  // A page can come back with a row already selected (the trace page after labelling a turn): j/k go on from it.
  document.addEventListener("DOMContentLoaded", () => {
    const all = rows();
    const preset = all.findIndex((r) => r.classList.contains("selected") && !r.classList.contains("current"));
    if (preset >= 0) { selected = preset; all[preset].scrollIntoView({ block: "center" }); }
  });
  const select = (delta) => {
    const all = rows();
    if (all.length === 0) return;
    const clamp = (n) => Math.max(0, Math.min(all.length - 1, n));
    const current = all.findIndex((r) => r.classList.contains("current"));
    if (current >= 0) {
      // A list that opens what it selects (the review queue): j/k open the neighbour of the open item.
      const target = clamp(current + delta);
      if (target !== current) navigate(all[target]);
      return;
    }
    selected = selected < 0 ? 0 : clamp(selected + delta);
    all.forEach((r, n) => r.classList.toggle("selected", n === selected));
    all[selected].scrollIntoView({ block: "nearest" });
    all[selected].dispatchEvent(new CustomEvent("bh:selected", { bubbles: true }));
  };
  const navigate = (row) => {
    const href = row.getAttribute("data-href") || row.querySelector("a[href]")?.getAttribute("href");
    if (href && href.startsWith("/")) window.location.assign(href);
  };
  const open = () => {
    const row = rows()[selected];
    if (row) navigate(row);
  };
  document.addEventListener("click", (ev) => {
    const row = ev.target instanceof Element ? ev.target.closest("[data-list] tr[data-href]") : null;
    if (!row || ev.target.closest("a, button, input, label, select, textarea, summary")) return;
    const href = row.getAttribute("data-href");
    if (href && href.startsWith("/")) window.location.assign(href);
  });

  // ---- [data-focus="#id"] buttons focus a field (review: e edits, r asks for the reject reason) --------------
  document.addEventListener("click", (ev) => {
    const button = ev.target instanceof Element ? ev.target.closest("[data-focus]") : null;
    if (!button) return;
    const field = document.querySelector(button.getAttribute("data-focus"));
    if (field instanceof HTMLElement) { field.focus(); field.scrollIntoView({ block: "center" }); }
  });

  // ---- [data-check-all="name"] ticks every checkbox of that name (bulk actions) ---------------------------
  document.addEventListener("change", (ev) => {
    const all = ev.target instanceof HTMLInputElement && ev.target.hasAttribute("data-check-all") ? ev.target : null;
    if (!all) return;
    const form = all.form || document;
    form.querySelectorAll(`input[type=checkbox][name="${CSS.escape(all.getAttribute("data-check-all"))}"]`)
      .forEach((box) => { box.checked = all.checked; });
  });

  // ---- cheatsheet ----------------------------------------------------------------------------------------
  const cheatsheet = () => {
    const dialog = document.getElementById("cheatsheet");
    if (dialog && !dialog.open) dialog.showModal();
  };
  document.addEventListener("click", (ev) => {
    if (ev.target instanceof Element && ev.target.closest("[data-cheatsheet]")) cheatsheet();
  });

  // ---- shortcuts -----------------------------------------------------------------------------------------
  const go = { o: "/", c: "/clusters", t: "/traces", r: "/review", e: "/evals" };
  let pendingG = false;
  document.addEventListener("keydown", (ev) => {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    if (typing(ev.target)) {
      if (ev.key === "Escape") ev.target.blur();
      return;
    }
    if (document.querySelector("dialog[open]") && ev.key !== "Escape") return;
    if (pendingG) {
      pendingG = false;
      if (go[ev.key]) { ev.preventDefault(); window.location.assign(go[ev.key]); }
      return;
    }
    // A selected row binds keys with data-turn-key="x" (trace page: c / n label the selected user turn).
    const row = rows()[selected];
    const rowKey = row && selected >= 0 ? row.querySelector(`[data-turn-key="${CSS.escape(ev.key)}"]`) : null;
    if (rowKey && !rowKey.disabled) { ev.preventDefault(); rowKey.click(); return; }
    // A page binds its own keys with data-key="x" on a button or link: the key clicks it (review: a, r, s, e).
    const bound = Array.from(document.querySelectorAll("[data-key]"))
      .find((el) => el.getAttribute("data-key") === ev.key && !el.disabled && el.offsetParent !== null);
    if (bound) { ev.preventDefault(); bound.click(); return; }
    switch (ev.key) {
      case "?": ev.preventDefault(); cheatsheet(); break;
      case "g": pendingG = true; setTimeout(() => { pendingG = false; }, 1500); break;
      case "/": {
        const search = document.querySelector("[data-search]") || document.querySelector("main form input, main form select");
        if (search) { ev.preventDefault(); search.focus(); }
        break;
      }
      case "j": ev.preventDefault(); select(1); break;
      case "k": ev.preventDefault(); select(-1); break;
      case "Enter": if (selected >= 0) { ev.preventDefault(); open(); } break;
    }
  });
  document.addEventListener("htmx:afterSwap", () => { selected = -1; });

  // ---- trend charts (uPlot, where the page loads it; the server-drawn SVG stays otherwise) ----------------
  const bucketMs = (text) => {
    const m = /^(?:(\d+)\.)?(\d+):(\d+):(\d+)/.exec(text || "");
    return m ? ((+(m[1] || 0) * 24 + +m[2]) * 3600 + +m[3] * 60 + +m[4]) * 1000 : 3600000;
  };
  const drawCharts = () => {
    if (typeof window.uPlot !== "function") return;
    document.querySelectorAll("[data-trend-chart]:not([data-drawn])").forEach((fig) => {
      const counts = (fig.getAttribute("data-counts") || "").split(",").filter((s) => s !== "").map(Number);
      if (counts.length === 0) return;
      const step = bucketMs(fig.getAttribute("data-bucket"));
      const end = Date.parse(fig.getAttribute("data-end")) || Date.now();
      const last = Math.floor(end / step) * step;
      const xs = counts.map((_, i) => (last - (counts.length - 1 - i) * step) / 1000);
      const width = Math.max(300, Math.min(fig.clientWidth || 800, 1100));
      fig.setAttribute("data-drawn", "");
      fig.replaceChildren();
      // eslint-disable-next-line no-new
      new window.uPlot({
        width, height: 220,
        series: [{}, { label: "failures", stroke: "#c2410c", fill: "rgba(194,65,12,0.15)", paths: window.uPlot.paths.bars({ size: [0.8] }) }],
        axes: [{}, { label: "failures" }],
        scales: { x: { time: true } },
        legend: { show: true },
      }, [xs, counts], fig);
    });
  };
  // Harness versions on a timeline: failure rate with its 95 % interval (dashed) and the correction rate.
  const drawVersionCharts = () => {
    if (typeof window.uPlot !== "function") return;
    document.querySelectorAll("[data-version-chart]:not([data-drawn])").forEach((fig) => {
      const list = (name) => (fig.getAttribute(name) || "").split(",").filter((s) => s !== "").map(Number);
      // x is the version number (versions made minutes apart would crowd a time axis); created times are in the table.
      const xs = list("data-versions");
      if (xs.length === 0) return;
      const pct = (a) => a.map((v) => Math.round(v * 1000) / 10);
      const width = Math.max(300, Math.min(fig.clientWidth || 800, 1100));
      fig.setAttribute("data-drawn", "");
      fig.replaceChildren();
      const point = { size: 7 };
      // eslint-disable-next-line no-new
      new window.uPlot({
        width, height: 240,
        series: [
          { value: (u, x) => (x == null ? "" : "v" + x) },
          { label: "failure rate %", stroke: "#c2410c", width: 2, points: point },
          { label: "95 % low", stroke: "#c2410c", dash: [4, 4], points: { show: false } },
          { label: "95 % high", stroke: "#c2410c", dash: [4, 4], points: { show: false } },
          { label: "correction rate %", stroke: "#1d4ed8", width: 2, points: point },
        ],
        axes: [{ label: "harness version", values: (u, ticks) => ticks.map((t) => (Number.isInteger(t) ? "v" + t : "")) }, { label: "% of traces" }],
        scales: { x: { time: false, range: () => [Math.min(...xs) - 0.5, Math.max(...xs) + 0.5] },
          y: { range: (u, min, max) => [0, Math.max(10, Math.ceil(max / 10) * 10)] } },
        legend: { show: true },
      }, [xs, pct(list("data-rates")), pct(list("data-lo")), pct(list("data-hi")), pct(list("data-corrections"))], fig);
    });
  };
  document.addEventListener("DOMContentLoaded", drawVersionCharts);
  document.addEventListener("DOMContentLoaded", drawCharts);
  document.addEventListener("htmx:afterSettle", drawCharts);
})();
