#!/usr/bin/env bash
# setup.sh: install what gluebench needs, idempotently.
#   - Debian packages (only the missing ones; needs root)
#   - .venv from requirements.txt with the machine's python3
# Fast when nothing is missing: it checks before it installs.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(cmake make gcc g++ pkg-config liblua5.4-dev gnuplot-nox hyperfine
          libbenchmark-dev libsqlite3-dev libjansson-dev python3-dev python3-venv valgrind
          chromium clang libclang-rt-dev)

missing=()
for pkg in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: missing Debian packages: ${missing[*]}" >&2
    echo "setup: run as root:  apt-get update && apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "setup: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PYTHON=${PYTHON:-python3}
stamp=.venv/.requirements.sha256
want=$(sha256sum requirements.txt | cut -d' ' -f1)
if [ ! -x .venv/bin/python ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "setup: creating .venv with $($PYTHON --version)" >&2
  "$PYTHON" -m venv .venv
  .venv/bin/python -m pip install -q --disable-pip-version-check -r requirements.txt
  echo "$want" > "$stamp"
fi
