"""The pages on the full scale-1 Kota Batam demo warehouse."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.folium_maps import map_scripts

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted(f"app_pages/{p.name}" for p in (ROOT / "app_pages").glob("*.py"))


@pytest.fixture
def app(demo_db, monkeypatch):
    monkeypatch.setenv("PETA_KESOS_DB", str(demo_db))
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_page_on_the_demo(app, lang):
    app.session_state["lang"] = lang
    # The first switch comes before the first run: the landing page (the overview) is one of
    # PAGES, drawn once, and AppTest finds a page by its file name before the first run.
    for page in PAGES:
        app.switch_page(page).run()
        assert not app.exception, (page, [e.value for e in app.exception])


def test_overview_map_has_the_64_kelurahan(app):
    app.run()
    assert not app.exception
    script = map_scripts(app)[0]
    assert script.count('"type": "Feature"') == 64
    assert app.sidebar.selectbox(key="pick_wilayah").value == "21.71"
    # The demo draws Batam's official polygons (geom_sumber is the file), so nothing marks them
    # as approximate: the caption is for warehouses whose geom_sumber is 'demo'.
    assert not any("perkiraan" in c.value for c in app.caption)


def test_scheme_choice_changes_the_classes(app):
    app.run()
    before = map_scripts(app)[0]
    app.button_group(key="overview_scheme").set_value("equal_interval").run()
    assert not app.exception
    assert map_scripts(app)[0] != before
