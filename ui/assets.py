"""Map libraries served by the app itself, so that maps draw with no internet.

Leaflet and jQuery come from the pinned XStatic packages (PyPI) and are copied into
``static/vendor/``, which Streamlit serves at ``/app/static/vendor/``. The project's own map
controls (labels, outlines, search, opacity, legend) are in git under ``static/peta-kesos/``
and copied beside them, so that every map loads from ``/app/static/vendor/`` only.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import xstatic.pkg.jquery
import xstatic.pkg.leaflet

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
VENDOR_DIR = STATIC_DIR / "vendor"
URL_PREFIX = "/app/static/vendor"

CONTROLS_DIR = STATIC_DIR / "peta-kesos"
_SOURCES = {
    "leaflet": Path(xstatic.pkg.leaflet.BASE_DIR),
    "jquery": Path(xstatic.pkg.jquery.BASE_DIR),
    "peta-kesos": CONTROLS_DIR,
}

LEAFLET_JS = f"{URL_PREFIX}/leaflet/leaflet.js"
LEAFLET_CSS = f"{URL_PREFIX}/leaflet/leaflet.css"
JQUERY_JS = f"{URL_PREFIX}/jquery/jquery.min.js"


def _digest(name: str) -> str:
    """The first 12 hex digits of the SHA-256 of ``static/peta-kesos/<name>``."""
    return hashlib.sha256((CONTROLS_DIR / name).read_bytes()).hexdigest()[:12]


# With the content hash in the URL, a browser never keeps an older copy after an update.
CONTROLS_JS = f"{URL_PREFIX}/peta-kesos/maps.js?v={_digest('maps.js')}"
CONTROLS_CSS = f"{URL_PREFIX}/peta-kesos/maps.css?v={_digest('maps.css')}"
# plotly.js's Indonesian locale (month and day names, decimal comma), handed to each chart in
# its config (ui.i18n.plot): Streamlit's bundled plotly.js registers no locale of its own.
PLOTLY_LOCALE_ID = json.loads((CONTROLS_DIR / "plotly-locale-id.json").read_text(encoding="utf-8"))


def ensure_vendor_assets(target: Path = VENDOR_DIR) -> Path:
    """Copy the map libraries into ``target`` unless the same versions are there already."""
    for name, source in _SOURCES.items():
        dest = target / name
        stamp = dest / ".version"
        # The project's own controls change without a new path: their content is the version.
        version = f"{source} {CONTROLS_JS} {CONTROLS_CSS}" if source == CONTROLS_DIR else f"{source}"
        if stamp.is_file() and stamp.read_text() == version:
            continue
        tmp = target / f".{name}.tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        shutil.copytree(source, tmp, ignore=shutil.ignore_patterns("*.map", "*.esm.js"))
        (tmp / ".version").write_text(version)
        shutil.rmtree(dest, ignore_errors=True)
        tmp.rename(dest)
    return target


if __name__ == "__main__":
    print(ensure_vendor_assets())
