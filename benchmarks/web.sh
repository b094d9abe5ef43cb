#!/usr/bin/env bash
# Web UI page times at the issue's scale: `bh web bench` starts an embedded host on a scratch data dir, seeds
# 100,000 traces (bh loadgen over OTLP/HTTP plus a replay of samples/), 10,000 candidates (mining's import,
# announced to curation on the bus) and 1,000 accepted cases (one bulk accept), then prints p50/p95/max server
# time per page. Options pass through, e.g. benchmarks/web.sh --traces 20000 --requests 50
set -euo pipefail
cd "$(dirname "$0")/.."
exec ./bh web bench "$@"
