#!/usr/bin/env bash
# Installs what the platform needs on a fresh Debian/Ubuntu machine, and nothing that is already there.
# Sourced by run.sh and test.sh. Without a container runtime, PostgreSQL and Redis run as local processes
# (Infra=local), so their Debian packages must be installed.
set -euo pipefail

_as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else
    echo "error: '$*' needs root; run as root or install sudo." >&2; return 1; fi
}

_apt_updated=0
_apt_install() {
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "error: missing $*, and this is not a Debian/Ubuntu machine. Install them with your package manager," >&2
    echo "       or start a container runtime and run with Infra=containers." >&2
    return 1
  fi
  if [ "$_apt_updated" -eq 0 ]; then _as_root apt-get update -qq; _apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive _as_root apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

ensure_dotnet() {
  if ! command -v dotnet >/dev/null 2>&1; then
    echo "error: the .NET SDK 10 is required (https://dot.net). It is not installable from this script's package sources." >&2
    return 1
  fi
}

# PostgreSQL server binaries (Debian keeps them in /usr/lib/postgresql/<version>/bin) and redis-server.
ensure_local_servers() {
  local missing=()
  compgen -G "/usr/lib/postgresql/*/bin/postgres" >/dev/null || command -v postgres >/dev/null 2>&1 || missing+=(postgresql)
  command -v redis-server >/dev/null 2>&1 || [ -x /usr/bin/redis-server ] || missing+=(redis-server)
  # setpriv (util-linux) starts postgres as the postgres user when we are root.
  command -v setpriv >/dev/null 2>&1 || missing+=(util-linux)
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "Installing ${missing[*]} ..."
    _apt_install "${missing[@]}"
  fi
  # Debian's package may start its own cluster on 5432; ours run on their own ports, so it is left alone.
}

container_runtime_answers() {
  local rt="${ASPIRE_CONTAINER_RUNTIME:-docker}"
  command -v "$rt" >/dev/null 2>&1 && timeout 5 "$rt" info >/dev/null 2>&1
}
