"""Reads every trace in IDS once from BASE (GET PATH_PREFIX + id over one kept-alive connection) and prints
key=value figures in milliseconds: what the trace page and mining's reads cost. Usage: storage_reads.py BASE PREFIX IDS NAME"""
import http.client, statistics, sys, time, urllib.parse

base, prefix, ids_path, name = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
url = urllib.parse.urlparse(base)
ids = [l.strip() for l in open(ids_path) if l.strip()]
connection = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
times = []
for trace_id in ids:
    start = time.perf_counter()
    connection.request("GET", prefix + trace_id)
    response = connection.getresponse()
    response.read()
    if response.status != 200:
        sys.exit(f"GET {prefix}{trace_id} answered {response.status}")
    times.append((time.perf_counter() - start) * 1000)
times.sort()
print(f"{name}_reads={len(times)} {name}_mean_ms={statistics.mean(times):.2f} {name}_p50_ms={times[len(times) // 2]:.2f} "
      f"{name}_p95_ms={times[int(len(times) * 0.95)]:.2f}")
