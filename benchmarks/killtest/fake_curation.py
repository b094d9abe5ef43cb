#!/usr/bin/env python3
"""A stand-in for the curation service's eval export (the optimizer only reads cases over HTTP): serves N generated
airline cases as JSON lines in the public case schema (docs/eval-case-schema.md) on
GET /api/evals/export?agent= and GET /api/evals/snapshots/{id}/export. Usage: fake_curation.py PORT CASES"""
import json, sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT, CASES = int(sys.argv[1]), int(sys.argv[2])
USERS = ["I need to cancel reservation {r}. I bought travel insurance so I want a full refund.",
         "My user id is user_{n}. What is the baggage allowance on reservation {r}?",
         "Are there any direct flights from JFK to SFO on May {d}?"]

def case(i):
    kind = i % 3
    reservation = f"R{i:05d}"
    tool = ["transfer_to_human_agents", "get_reservation_details", "search_direct_flight"][kind]
    return {
        "schema": "betterharness.eval-case/v1", "id": f"case_{i:05d}", "status": "accepted", "agent": "airline",
        "summary": f"generated case {i}", "category": ["tool_selection", "followup_quality", "tool_selection"][kind],
        "split": "optimization" if i % 5 else "holdout", "mustPass": i % 7 == 0, "revision": 1,
        "input": {"messages": [{"role": "user", "content": USERS[kind].format(r=reservation, n=i, d=1 + i % 28)}]},
        "tools": {"definitions": ["get_reservation_details", "cancel_reservation", "transfer_to_human_agents", "search_direct_flight"],
                  "recorded": []},
        "expected": {"behaviour": f"Call {tool}.", "toolCalls": [{"name": tool, "arguments": {}}]},
        "graders": [{"type": "tool_called", "tool": tool, "arguments": {}}],
        "tags": ["tool_selection"],
    }

BODY = "".join(json.dumps(case(i)) + "\n" for i in range(CASES)).encode()

class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path.startswith("/api/evals/export") or self.path.startswith("/api/evals/snapshots/"):
            self.send_response(200)
            self.send_header("Content-Type", "application/x-ndjson")
            self.send_header("Content-Length", str(len(BODY)))
            self.end_headers()
            self.wfile.write(BODY)
        else:
            self.send_response(404)
            self.end_headers()

    def log_message(self, *args):
        pass

ThreadingHTTPServer(("127.0.0.1", PORT), Handler).serve_forever()
