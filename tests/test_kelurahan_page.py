"""The kelurahan profile on the seed warehouse under AppTest."""

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.seed import seed_db  # noqa: F401
from ui.coverage import clicked_kode

APP = str(Path(__file__).resolve().parent.parent / "app.py")
PAGE = "app_pages/kelurahan.py"


def profile(db, monkeypatch, lang="en", params=None) -> AppTest:
    monkeypatch.setenv("PETA_KESOS_DB", str(db))
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state["lang"] = lang
    for key, value in (params or {}).items():
        at.query_params[key] = value
    # Straight to the page, as a link to it opens (AppTest finds a page by its file name before the first run).
    return at.switch_page(PAGE).run()


@pytest.mark.parametrize(
    "value, expected",
    [
        ({"last_active_drawing": {"properties": {"kode": "99.71.01.1002"}}}, "99.71.01.1002"),
        ({"last_active_drawing": None}, None),
        ({"last_active_drawing": {"properties": {}}}, None),
        ({"last_active_drawing": {"geometry": {}}}, None),
        (None, None),
        ("99.71.01.1002", None),
    ],
)
def test_clicked_kode(value, expected):
    assert clicked_kode(value) == expected


@pytest.mark.parametrize("lang", ["id", "en"])
def test_profile_renders(seed_db, monkeypatch, lang):
    at = profile(seed_db, monkeypatch, lang)
    assert not at.exception, [e.value for e in at.exception]
    assert at.selectbox(key="pick_kelurahan").value == "99.71.01.1001"


def test_profile_from_the_url(seed_db, monkeypatch):
    at = profile(seed_db, monkeypatch, params={"kelurahan": "99.71.01.1002", "layer": "quality"})
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == "Profile of Beta"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Active households"] == "7"
    assert metrics["Update coverage"] == "28.6 %"
    assert metrics["Backlog (households)"] == "5"
    # 5 left at 1 per 18 working days: 90 working days, holidays skipped (calendar.toml).
    assert metrics["Projected finish"] == "2026-07-22"
    assert metrics["Household without a head"] == "4"
    assert metrics["Not visited for over a year"] == "5"
    assert any("Lagging" in w.value for w in at.warning)
    enumerators = at.dataframe[0].value
    assert enumerators.iloc[0].tolist()[:3] == ["Petugas Uji", 2, 2]
    findings = at.dataframe[1].value
    assert len(findings) == 9
    text = findings.to_csv()
    assert "9971010101260007" not in text and "************0007" in text, "KK masked"
    # Household checks carry no member: blanks, not "None".
    assert findings["NIK"].tolist() == [""] * 9 and findings["Name"].tolist() == [""] * 9
    assert at.query_params["kelurahan"] == "99.71.01.1002"


def test_picking_another_kelurahan_updates_the_url(seed_db, monkeypatch):
    at = profile(seed_db, monkeypatch)
    at.selectbox(key="pick_kelurahan").set_value("99.71.01.2004").run()
    assert not at.exception
    assert at.query_params["kelurahan"] == "99.71.01.2004"
    metrics = {m.label: m.value for m in at.metric}
    # Delta: one household, never visited: coverage 0, no pace, no finish date.
    assert metrics["Update coverage"] == "0.0 %"
    assert metrics["Projected finish"] == "not computable (zero pace)"
    assert any("No enumerator visits" in i.value for i in at.info)


def test_unknown_kelurahan_in_the_url_falls_back(seed_db, monkeypatch):
    at = profile(seed_db, monkeypatch, params={"kelurahan": "21.71.01.1001"})
    assert not at.exception
    assert at.title[0].value == "Profile of Alpha"
    assert at.query_params["kelurahan"] == "99.71.01.1001"


@pytest.mark.parametrize(
    ("lang", "hidden", "note"),
    [("en", "hidden (< 5)", "from 1 to 5 minus 1 are hidden"), ("id", "disembunyikan (< 5)", "dari 1 sampai 5")],
)
def test_result_chart_hides_small_counts_as_the_export_does(seed_db, monkeypatch, lang, hidden, note):
    at = profile(seed_db, monkeypatch, lang, params={"kelurahan": "99.71.01.1002"})
    assert not at.exception, [e.value for e in at.exception]
    chart = next(c for c in at.get("plotly_chart") if "kelurahan_results" in str(c.proto.id))
    (bar,) = json.loads(chart.proto.spec)["data"]
    # Beta: one diperbarui and one pindah household; both hidden below 5 (config/privacy.toml),
    # no bar drawn for them; the zeros stay.
    assert bar["text"] == [hidden, "0", hidden, "0", "0"]
    assert bar["x"] == [0, 0, 0, 0, 0]
    assert any(note in c.value for c in at.caption)
