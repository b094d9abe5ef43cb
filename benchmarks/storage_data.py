"""Writes COPIES copies of an .otlp.jsonl file with fresh trace ids (so every copy is a new conversation to ingest)
and prints the trace ids, one per line, to the ids file. Usage: storage_data.py IN OUT IDS COPIES"""
import json, os, re, sys

source, target, ids_path, copies = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
lines = [l for l in open(source, encoding="utf-8") if l.strip()]
trace_id = re.compile(r'"traceId":"([0-9a-f]{32})"')
with open(target, "w", encoding="utf-8") as out, open(ids_path, "w") as ids:
    for copy in range(copies):
        for line in lines:
            fresh = {}
            def swap(m):
                fresh.setdefault(m.group(1), os.urandom(16).hex())
                return f'"traceId":"{fresh[m.group(1)]}"'
            out.write(trace_id.sub(swap, line.rstrip("\n")) + "\n")
            for new in fresh.values():
                ids.write(new + "\n")
