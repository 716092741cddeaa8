#!/usr/bin/env bash
# Install what the tests need (Python packages; Debian's chromium for the browser test) and
# run the whole test suite. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/venv.sh
ensure_venv requirements-dev.txt

if ! command -v chromium >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "Installing Debian's chromium for the browser test ..."
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
        sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    else
        echo "chromium is not installed and cannot be installed without root: the browser test will be skipped." >&2
    fi
fi
# Keep Python's bytecode cache (__pycache__, git-ignored) even where the environment turns it
# off: otherwise every pytest worker, and every command-line process a test starts, compiles
# each module of the project from source again, at every run.
unset PYTHONDONTWRITEBYTECODE
exec "$VENV/bin/python" -m pytest "$@"
