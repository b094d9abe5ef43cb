#!/usr/bin/env python3
"""What BetterHarness keeps of real instrumentations' exports.

Starts `bh up` (a built bh.dll) on a scratch data dir and free loopback ports, replays the recorded exports
in tests/BetterHarness.Ingest.Tests/Fixtures/instrumentations byte for byte (POST /v1/traces and /v1/logs,
in recorded order), waits until every trace is evaluated, and prints per instrumentation and conversation:
the transcript's turns against the scripted conversation (missing, extra, out of order) and the signals.

    python3 benchmarks/instrumentations.py [--dll services/Host/bin/Release/net10.0/bh.dll]

Pass the bh.dll of another build (e.g. an older checkout's) to compare. Needs python3 and a built host.
"""
import argparse, glob, json, os, shutil, socket, subprocess, sys, tempfile, time, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, "tests/BetterHarness.Ingest.Tests/Fixtures/instrumentations")
EXPECTED = {
    "Find me a flight from Oslo to Berlin on May 3.": ("healthy", [
        "user: Find me a flight from Oslo to Berlin on May 3.", "assistant: search_flights", "tool: DY1102",
        "assistant: DY1102 leaves Oslo", "user: Does that fare include a checked bag?", "assistant: Yes: the 129 EUR fare"]),
    "I need a flight from Oslo to Bergen on June 12.": ("correction", [
        "user: I need a flight from Oslo to Bergen on June 12.", "assistant: search_flights", "tool: DY1104",
        "assistant: DY1104 flies", "user: No, I meant Bergen", "assistant: search_flights", "tool: WF512", "assistant: Sorry about that."]),
}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http(method, url, body=None, content_type=None):
    request = urllib.request.Request(url, data=body, method=method, headers={"Content-Type": content_type} if content_type else {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def line(message):
    parts = [message.get("content") or ""] + [c["name"] for c in message.get("toolCalls") or []]
    return f"{message['role']}: " + " ".join(p for p in parts if p)


def compare(lines, expected):
    """How many expected turns are missing, how many turns are extra, and whether the found ones are in order."""
    found, extra, position, ordered = [], 0, -1, True
    remaining = list(enumerate(expected))
    for l in lines:
        role, text = l.split(": ", 1)
        match = next(((i, e) for i, e in remaining if e.split(": ", 1)[0] == role and e.split(": ", 1)[1] in text), None)
        if match is None:
            extra += 1
            continue
        remaining.remove(match)
        ordered &= match[0] > position
        position = match[0]
    return len(remaining), extra, ordered


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dll", default=os.path.join(ROOT, "services/Host/bin/Release/net10.0/bh.dll"))
    args = parser.parse_args()
    data = tempfile.mkdtemp(prefix="bh-instr-")
    api, grpc, otlp = free_port(), free_port(), free_port()
    log = open(os.path.join(data, "bh-up.log"), "w")
    server = subprocess.Popen(["dotnet", args.dll, "up", "--data-dir", data, "--api", f"127.0.0.1:{api}",
                               "--otlp-grpc", f"127.0.0.1:{grpc}", "--otlp-http", f"127.0.0.1:{otlp}"], stdout=log, stderr=log)
    try:
        for _ in range(240):
            try:
                if http("GET", f"http://127.0.0.1:{api}/health")[0] == 200: break
            except OSError:
                pass
            time.sleep(0.5)
        rows = []
        for directory in sorted(glob.glob(os.path.join(FIXTURES, "*/"))):
            name = os.path.basename(directory.rstrip("/"))
            if name == "capture": continue
            statuses = []
            for path in sorted(glob.glob(os.path.join(directory, "*.pb"))):
                signal = os.path.basename(path).split("-")[1].split(".")[0]
                with open(path, "rb") as f:
                    statuses.append(f"{signal}:{http('POST', f'http://127.0.0.1:{otlp}/v1/{signal}', f.read(), 'application/x-protobuf')[0]}")
            rows.append((name, statuses))
        deadline = time.time() + 120
        while time.time() < deadline:
            stats = json.loads(http("GET", f"http://127.0.0.1:{api}/api/traces/stats")[1])
            if stats["openTraces"] == 0 and stats["completedTraces"] >= 2 * len(rows): break
            time.sleep(0.5)
        traces = json.loads(http("GET", f"http://127.0.0.1:{api}/api/traces?limit=100")[1])["traces"]
        print(f"{'instrumentation':<20} {'requests':<22} {'conversation':<11} {'turns':>5} {'missing':>7} {'extra':>5} {'in order':>8}  signals")
        for name, statuses in rows:
            for summary in sorted((t for t in traces if t.get("serviceName") == f"travel-agent-{name}"), key=lambda t: t["traceId"]):
                trace = json.loads(http("GET", f"http://127.0.0.1:{api}/api/traces/{summary['traceId']}")[1])
                lines = [line(m) for m in trace.get("messages") or []]
                first_user = next((l[len("user: "):] for l in lines if l.startswith("user: ")), None)
                conversation, expected = EXPECTED.get(first_user, ("?", []))
                missing, extra, ordered = compare(lines, expected)
                signals = ",".join(sorted({s["kind"] for s in trace.get("signals") or []})) or "-"
                print(f"{name:<20} {' '.join(statuses):<22} {conversation:<11} {len(lines):>5} {missing:>7} {extra:>5} {str(ordered):>8}  {signals}")
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
