"""Drives a running curation API: import, edits, reads. Prints key=value figures (milliseconds)."""
import json, statistics, sys, time, urllib.request

base, cases, edits = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
categories = ["tool_selection", "tool_arguments", "multi_step", "followup_quality", "instruction_following", "error_recovery", "factuality"]


def call(method, path, body=None, content_type="application/json"):
    data = body.encode() if isinstance(body, str) else (json.dumps(body).encode() if body is not None else None)
    request = urllib.request.Request(base + path, data=data, method=method, headers={"Content-Type": content_type})
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=300) as response:
        payload = response.read()
    return (time.perf_counter() - start) * 1000, payload


def case(i):
    return {
        "schema": "betterharness.eval-case/v1", "id": f"case_bench_{i:06d}", "agent": "bench-agent",
        "summary": f"Benchmark case {i}", "category": categories[i % len(categories)], "tags": [categories[i % len(categories)]],
        "input": {"systemInstructions": "You are an airline agent. " * 20,
                  "messages": [{"role": "user", "content": f"Please change reservation R{i:05d} to economy."},
                               {"role": "assistant", "content": "Which reservation?"},
                               {"role": "user", "content": f"R{i:05d}, I already said it."}]},
        "tools": {"definitions": ["update_reservation", "get_reservation"], "recorded": [], "unrecordedResponse": "{}"},
        "expected": {"correction": f"R{i:05d}, I already said it.", "behaviour": "Update the reservation without asking again.",
                     "toolCalls": [{"name": "update_reservation", "arguments": {"reservation_id": f"R{i:05d}", "cabin": "economy"}}]},
        "graders": [{"type": "tool_called", "tool": "update_reservation", "arguments": {"reservation_id": f"R{i:05d}"}},
                    {"type": "no_clarifying_question"}],
        "supportCount": 1,
    }


def figures(name, samples):
    samples = sorted(samples)
    p95 = samples[min(len(samples) - 1, int(round(0.95 * (len(samples) - 1))))]
    print(f"{name}: n={len(samples)} p50_ms={statistics.median(samples):.1f} p95_ms={p95:.1f}")


lines = "\n".join(json.dumps(case(i)) for i in range(cases))
took, payload = call("POST", "/api/evals/import", lines, "application/x-ndjson")
print(f"import: cases={cases} ms={took:.0f} cases_per_sec={cases / took * 1000:.0f} created={json.loads(payload)['created']}")

samples = []
for n in range(edits):
    took, _ = call("PATCH", f"/api/evals/case_bench_{(n * 7) % cases:06d}", {"mustPass": n % 2 == 0, "tags": ["bench", f"edit{n}"]})
    samples.append(took)
figures(f"edit (revision + snapshot of {cases} active cases)", samples)

for name, path, repeat in [
    ("list /api/evals?agent=bench-agent", "/api/evals?agent=bench-agent", 20),
    ("list /api/evals?agent=bench-agent&category=multi_step&split=holdout", "/api/evals?agent=bench-agent&category=multi_step&split=holdout", 20),
    ("composition", "/api/evals/composition?agent=bench-agent", 20),
    ("case", "/api/evals/case_bench_000007", 50),
    ("history", "/api/evals/case_bench_000007/history", 50),
    ("snapshots", "/api/evals/snapshots?agent=bench-agent", 20),
    ("audit", "/api/audit?limit=100", 20),
]:
    figures(name, [call("GET", path)[0] for _ in range(repeat)])

_, snaps = call("GET", "/api/evals/snapshots?agent=bench-agent&limit=1")
latest = json.loads(snaps)["snapshots"][0]["id"]
figures(f"snapshot export ({cases} cases)", [call("GET", f"/api/evals/snapshots/{latest}/export")[0] for _ in range(5)])
