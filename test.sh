#!/usr/bin/env bash
# Installs what is missing, then runs every test (unit, integration on real PostgreSQL/Redis, Aspire end-to-end).
#   ./test.sh                          everything
#   ./test.sh --filter "FullyQualifiedName~Jobs"   any dotnet test arguments
set -euo pipefail
cd "$(dirname "$0")"
source scripts/prerequisites.sh

ensure_dotnet
ensure_local_servers   # the tests start their own PostgreSQL/Redis processes, Docker or not

export ASPIRE_ALLOW_UNSECURED_TRANSPORT=true
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT

dotnet build CoachingPlatform.sln -c Release -nologo -v q
set +e
dotnet test CoachingPlatform.Tests/CoachingPlatform.Tests.csproj -c Release --no-build -nologo \
  --logger "console;verbosity=normal" --logger "trx;LogFileName=tests.trx" --results-directory "$results" \
  --blame-hang-timeout 5m "$@"
status=$?
set -e

# One plain summary line that any CI reader understands.
if [ -f "$results/tests.trx" ]; then
  passed=$(grep -o 'passed="[0-9]*"' "$results/tests.trx" | head -1 | grep -o '[0-9]*')
  failed=$(grep -o 'failed="[0-9]*"' "$results/tests.trx" | head -1 | grep -o '[0-9]*')
  skipped=$(grep -o 'notExecuted="[0-9]*"' "$results/tests.trx" | head -1 | grep -o '[0-9]*')
  echo "Tests: ${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
  if [ "${passed:-0}" -eq 0 ]; then echo "error: no test ran" >&2; exit 1; fi
fi
exit $status
