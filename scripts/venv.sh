# Sourced by start.sh and test.sh: make .venv and install a requirements file into it,
# again only when that file (or what it includes) has changed since the last install.
set -euo pipefail

PYTHON="${PYTHON:-python3}"
VENV="${PETA_KESOS_VENV:-.venv}"

ensure_venv() {
    local reqs="$1"
    if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
        echo "Peta Kesos needs Python 3.11 or newer; '$PYTHON' is $("$PYTHON" --version 2>&1)." >&2
        echo "Set PYTHON=/path/to/python3.11 and run again." >&2
        exit 1
    fi
    if [ ! -x "$VENV/bin/python" ]; then
        echo "Creating $VENV ..."
        if ! "$PYTHON" -m venv "$VENV" 2>/dev/null; then
            rm -rf "$VENV"
            if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
                apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null
                "$PYTHON" -m venv "$VENV"
            else
                echo "python3 -m venv failed; on Debian install it with: sudo apt-get install python3-venv" >&2
                exit 1
            fi
        fi
    fi
    local stamp="$VENV/.installed-$(basename "$reqs")"
    local want
    want="$(cat "$reqs" requirements.txt | sha256sum | cut -c1-64)"
    if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
        echo "Installing $reqs into $VENV (first run takes a few minutes) ..."
        "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$reqs"
        echo "$want" > "$stamp"
    fi
}
