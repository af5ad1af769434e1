#!/usr/bin/env bash
# Starts the whole platform (API, worker, PostgreSQL, Redis) under the Aspire AppHost.
#   ./run.sh                      Infra=auto: containers if a runtime answers, else local processes
#   Infra=local ./run.sh          force local PostgreSQL/Redis processes (no Docker)
#   ./run.sh --Infra containers   any AppHost setting can be passed as --Key value
set -euo pipefail
cd "$(dirname "$0")"
source scripts/prerequisites.sh

ensure_dotnet
mode="${Infra:-auto}"
for ((i = 1; i <= $#; i++)); do
  if [ "${!i}" = "--Infra" ]; then j=$((i + 1)); mode="${!j:-auto}"; fi
done
if [ "$mode" = "local" ] || { [ "$mode" = "auto" ] && ! container_runtime_answers; }; then
  ensure_local_servers
fi

export ASPIRE_ALLOW_UNSECURED_TRANSPORT=true
export Infra="$mode"
echo "Starting CoachingPlatform (Infra=$mode). Dashboard: http://localhost:15180  API: http://localhost:5180/scalar"
exec dotnet run --project CoachingPlatform.AppHost --launch-profile http -- "$@"
