import re
import string
from pathlib import Path

import pytest

from analytics.classify import SCHEMES
from domain.i18n import STRINGS
from ui import i18n

ROOT = Path(__file__).resolve().parent.parent


def test_languages_have_the_same_keys():
    assert set(STRINGS["id"]) == set(STRINGS["en"])


def test_same_placeholders_in_both_languages():
    fields = lambda s: {f for _, f, _, _ in string.Formatter().parse(s) if f}  # noqa: E731
    for key, text in STRINGS["id"].items():
        assert fields(text) == fields(STRINGS["en"][key]), key


def literal_keys():
    """Every key passed as a string literal to t(...) or as a *_key argument in the code."""
    keys = set()
    for path in [ROOT / "app.py", *ROOT.glob("app_pages/*.py"), *ROOT.glob("ui/*.py"), *ROOT.glob("reports/*.py")]:
        text = path.read_text()
        keys |= set(re.findall(r'\bt\(\s*"([a-z0-9_.]+)"', text))
        keys |= set(re.findall(r'"((?:nav|col|metric|map|scheme)\.[a-z0-9_.]+)"', text))
    return keys


@pytest.mark.parametrize("key", sorted(literal_keys()))
def test_key_used_in_code_exists(key):
    assert key in STRINGS["id"]


def test_scheme_names_translated():
    for scheme in SCHEMES:
        assert f"scheme.{scheme}" in STRINGS["en"]


def test_number_and_date_formats(monkeypatch):
    import datetime as dt

    monkeypatch.setattr(i18n, "current_language", lambda: "id")
    assert i18n.fmt_int(1234567) == "1.234.567"
    assert i18n.fmt_float(1234.56, 1) == "1.234,6"
    assert i18n.fmt_date(dt.date(2026, 2, 3)) == "03/02/2026"
    monkeypatch.setattr(i18n, "current_language", lambda: "en")
    assert i18n.fmt_int(1234567) == "1,234,567"
    assert i18n.fmt_float(1234.56, 1) == "1,234.6"
    assert i18n.fmt_date(dt.date(2026, 2, 3)) == "2026-02-03"
    assert i18n.fmt_date(None) == "–"


@pytest.mark.parametrize(
    ("value", "indonesian", "english"),
    [
        (0, "0", "0"),
        (999, "999", "999"),
        (60383, "60,4 rb", "60.4k"),
        (60000, "60 rb", "60k"),
        (999_960, "1 jt", "1M"),
        (1_234_567, "1,2 jt", "1.2M"),
        (2.5e9, "2,5 M", "2.5B"),
        (-60383, "-60,4 rb", "-60.4k"),
        (1.2e13, "12 T", "12T"),
    ],
)
def test_compact_numbers_read_right(value, indonesian, english, monkeypatch):
    monkeypatch.setattr(i18n, "current_language", lambda: "id")
    assert i18n.fmt_compact(value) == indonesian
    monkeypatch.setattr(i18n, "current_language", lambda: "en")
    assert i18n.fmt_compact(value) == english


def chart_script(lang):
    import datetime as dt

    import plotly.graph_objects as go
    import streamlit as st

    from ui import i18n

    st.session_state["lang"] = lang
    days = [dt.date(2026, 1, 1), dt.date(2026, 8, 1)]
    i18n.plot(st, go.Figure(go.Scatter(x=days, y=[60383.5, 1234567])), key="chart")


@pytest.mark.parametrize("lang", ["id", "en"])
def test_charts_in_the_session_language(lang):
    import json

    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(chart_script, kwargs={"lang": lang}).run()
    assert not at.exception
    (chart,) = at.get("plotly_chart")
    config = json.loads(chart.proto.config)
    figure = json.loads(chart.proto.spec)
    assert figure["layout"]["yaxis"]["exponentformat"] == "none", "never 60.383k"
    if lang == "id":
        assert figure["layout"]["separators"] == ",."
        assert config["locale"] == "id"
        locale = config["locales"]["id"]["format"]
        assert locale["months"][7] == "Agustus" and locale["shortMonths"][10] == "Nov"
        assert (locale["decimal"], locale["thousands"]) == (",", ".")
    else:
        assert figure["layout"]["separators"] == ".,"
        assert "locale" not in config
