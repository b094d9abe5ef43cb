#!/usr/bin/env bash
# The whole test suite, from a fresh clone: provides RabbitMQ and PostgreSQL (Testcontainers where a Docker engine
# runs, otherwise the Debian packages on loopback), builds, runs every test project, prints one summary line.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if [[ -z "${BH_TEST_RABBITMQ:-}" ]]; then
  if docker info >/dev/null 2>&1; then
    echo "tests: Docker engine found; integration tests start RabbitMQ with Testcontainers"
  else
    bash infra/rabbitmq/ensure-rabbitmq.sh || { echo "tests: could not provide RabbitMQ" >&2; exit 1; }
    export BH_TEST_RABBITMQ="amqp://guest:guest@127.0.0.1:5672/"
  fi
fi

# The store tests run on SQLite and on PostgreSQL; they fail (never skip) when neither a server nor Docker is there.
if [[ -z "${BH_TEST_POSTGRES:-}" ]]; then
  if docker info >/dev/null 2>&1; then
    echo "tests: Docker engine found; store tests start PostgreSQL with Testcontainers"
  else
    BH_TEST_POSTGRES="$(bash infra/postgres/ensure-postgres.sh)" || { echo "tests: could not provide PostgreSQL" >&2; exit 1; }
    export BH_TEST_POSTGRES
  fi
fi

# The web UI tests drive Debian's Chromium through Playwright (never a downloaded browser).
if [[ ! -x /usr/bin/chromium ]]; then
  echo "tests: installing chromium for the web UI tests"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
    || { echo "tests: could not install chromium (apt-get install -y chromium)" >&2; exit 1; }
fi

dotnet build BetterHarness.sln -c Release -nologo -v quiet -clp:ErrorsOnly || { echo "0 passed, 1 failed (build)"; exit 1; }

LOG="$(mktemp)"
FAILED_LINE="^\s+Failed [A-Za-z_][A-Za-z0-9_.]+"   # how dotnet test names a failed test
status=0
retried=0
flaky=()
for project in tests/*/*.Tests.csproj; do
  echo "== $(basename "$project" .csproj)"
  PROJECT_LOG="$(mktemp)"
  # The test run's own exit code decides (PIPESTATUS[0]); grep finding nothing to show is not a failure.
  set +o pipefail
  # --blame: when the test host dies, the log names the test that was running (and the host's last stderr).
  dotnet test "$project" -c Release --no-build -nologo --blame 2>&1 | tee "$PROJECT_LOG" \
    | grep -E "^\s*(Failed|Passed!|Failed!|Skipped) |error|Error Message|Assert|crashed"
  codes=("${PIPESTATUS[@]}")
  set -o pipefail
  log_size=$(stat -c %s "$LOG")
  cat "$PROJECT_LOG" >> "$LOG"
  if [[ ${codes[0]} -ne 0 ]]; then
    # What failed and where, in full (the live filter above shows only the first line of each).
    grep -E -A14 "$FAILED_LINE" "$PROJECT_LOG" | head -150
    # A few failed tests are run once more, alone. One that then passes is reported as flaky by name and in the
    # closing line (a race to fix, not a pass to forget); one that fails again, or many failures, fail the run.
    mapfile -t failed_tests < <(grep -E "$FAILED_LINE" "$PROJECT_LOG" \
      | sed -E 's/^\s+Failed ([A-Za-z0-9_.]+).*/\1/' | sort -u)
    if (( ${#failed_tests[@]} == 0 )) && grep -q "Test host process crashed" "$PROJECT_LOG"; then
      # The test process died with no test failed (seen in the optimizer's tests, rarely, without a managed exception):
      # the project runs once more; its counts replace the crashed run's, and the crash is reported by name.
      grep -E -A20 "Test host process crashed" "$PROJECT_LOG" | head -40
      grep -E -A6 "running when the crash occurred|were not completed" "$PROJECT_LOG" | head -20
      echo "== $(basename "$project" .csproj): the test host crashed; running the project once more"
      truncate -s "$log_size" "$LOG"
      set +o pipefail
      dotnet test "$project" -c Release --no-build -nologo 2>&1 | tee "$PROJECT_LOG" | grep -E "^\s*(Failed|Passed!|Failed!) |Error Message|crashed"
      rerun=${PIPESTATUS[0]}
      set -o pipefail
      cat "$PROJECT_LOG" >> "$LOG"
      if [[ $rerun -eq 0 ]]; then flaky+=("$(basename "$project" .csproj): test host crashed, passed when run again"); else status=1; fi
    elif (( ${#failed_tests[@]} > 0 && ${#failed_tests[@]} <= 3 )); then
      filter="$(printf 'FullyQualifiedName=%s|' "${failed_tests[@]}")"
      echo "== $(basename "$project" .csproj): running ${#failed_tests[@]} failed test(s) once more"
      if dotnet test "$project" -c Release --no-build -nologo --filter "${filter%|}" 2>&1 \
          | grep -E "^\s*(Failed|Passed!|Failed!) |Error Message"; [[ ${PIPESTATUS[0]} -eq 0 ]]; then
        flaky+=("${failed_tests[@]}")
        retried=$((retried + $(grep -cE "$FAILED_LINE" "$PROJECT_LOG")))
      else
        status=1
      fi
    else
      status=1
    fi
  fi
  rm -f "$PROJECT_LOG"
done

# dotnet test prints "Passed!  - Failed: 0, Passed: 12, Skipped: 0, Total: 12" per project; add them up.
read -r passed failed skipped < <(grep -E "(Passed|Failed)! +- +Failed:" "$LOG" | sed -E 's/.*Failed: *([0-9]+), Passed: *([0-9]+), Skipped: *([0-9]+).*/\2 \1 \3/' \
  | awk '{p+=$1; f+=$2; s+=$3} END {print p+0, f+0, s+0}')
rm -f "$LOG"
passed=$((passed + retried)); failed=$((failed - retried))
if [[ $status -ne 0 && $failed -le 0 ]]; then failed=1; fi
if [[ $failed -ne 0 ]]; then status=1; fi
for name in "${flaky[@]}"; do echo "flaky (failed, then passed alone): $name"; done
if (( ${#flaky[@]} > 0 )); then
  echo "${passed} passed, ${failed} failed, ${skipped} skipped, ${#flaky[@]} flaky"
else
  echo "${passed} passed, ${failed} failed, ${skipped} skipped"
fi
exit $status
