#!/usr/bin/env bash
# Install what the dashboard needs, build the Kota Batam demo warehouse (and its accounts) if there is none yet,
# and start the dashboard. Extra arguments go to `streamlit run`.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/venv.sh
ensure_venv requirements.txt

export PETA_KESOS_DB="${PETA_KESOS_DB:-data/peta_kesos.duckdb}"
if [ ! -f "$PETA_KESOS_DB" ]; then
    "$VENV/bin/python" -m warehouse demo --db "$PETA_KESOS_DB"
fi
# A demo warehouse without accounts gets one per role; their names and one fresh password are
# printed here, once. Other warehouses: python -m warehouse users add NAME --role admin.
"$VENV/bin/python" -m warehouse users demo-accounts --if-none --db "$PETA_KESOS_DB"
# serve.py runs app.py with the sign-in routes (POST /api/login, /api/logout) beside it.
exec "$VENV/bin/python" -m streamlit run serve.py \
    --server.port "${PETA_KESOS_PORT:-8501}" \
    --server.address "${PETA_KESOS_ADDRESS:-127.0.0.1}" \
    "$@"
