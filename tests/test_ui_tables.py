"""Tables in the session language's conventions (issue 18.5): decimal comma and thousands dot in
Bahasa Indonesia, thousands comma and decimal point in English, units in the headers."""

import json
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.seed import seed_db  # noqa: F401

ROOT = Path(__file__).resolve().parent.parent

FRAME = pd.DataFrame(
    {
        "nama": ["Alpha", "Beta"],
        "households_count": [1234567, 0],
        "coverage_rate": [0.2857, None],
        "pace_per_day": [1234.567, -0.5],
        "lagging": [True, False],
    }
)


def script(frame, lang):
    import streamlit as st

    from ui import tables

    st.session_state["lang"] = lang
    tables.show(
        frame,
        {
            "nama": "Kelurahan",
            "households_count": "Keluarga",
            "coverage_rate": "Cakupan (%)",
            "pace_per_day": "Laju (keluarga/hari)",
            "lagging": "Tertinggal",
        },
        percent=("coverage_rate",),
    )


def shown(lang):
    at = AppTest.from_function(script, kwargs={"frame": FRAME, "lang": lang}).run()
    assert not at.exception, [e.value for e in at.exception]
    (table,) = at.dataframe
    config = json.loads(table.proto.columns)
    assert config.pop("_index") == {"hidden": True}
    return table.value, config


def test_indonesian_numbers_are_text_with_decimal_comma_and_thousands_dot():
    value, config = shown("id")
    assert value.to_dict("list") == {
        "Kelurahan": ["Alpha", "Beta"],
        "Keluarga": ["1.234.567", "0"],
        "Cakupan (%)": ["28,6", ""],
        "Laju (keluarga/hari)": ["1.234,57", "-0,50"],
        "Tertinggal": [True, False],
    }
    assert {name: c.get("alignment") for name, c in config.items()} == {
        "Keluarga": "right",
        "Cakupan (%)": "right",
        "Laju (keluarga/hari)": "right",
    }


def test_english_numbers_stay_numbers_with_thousands_commas():
    value, config = shown("en")
    assert value["Keluarga"].tolist() == [1234567, 0]
    assert value["Cakupan (%)"].tolist()[0] == pytest.approx(28.6) and pd.isna(value["Cakupan (%)"].iloc[1])
    assert value["Laju (keluarga/hari)"].tolist() == [1234.57, -0.5]
    assert {name: c["type_config"]["format"] for name, c in config.items()} == {
        "Keluarga": "%,d",
        "Cakupan (%)": "%,.1f",
        "Laju (keluarga/hari)": "%,.2f",
    }


def test_the_overview_tables_in_indonesian(seed_db, monkeypatch):
    monkeypatch.setenv("PETA_KESOS_DB", str(seed_db))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.session_state["lang"] = "id"
    at.run()
    assert not at.exception
    lagging = at.dataframe[0].value.set_index("Kelurahan/desa")
    # Beta: 2 of 7 households, 5 left, 2 updated in 28 days; target 58/89 of the cycle.
    assert lagging.loc["Beta", ["Cakupan (%)", "Target hari ini (%)", "Sisa (keluarga)"]].tolist() == [
        "28,6",
        "65,2",
        "5",
    ]
    # Per working day: 1 update in the window's 18 working days (config/calendar.toml).
    assert lagging.loc["Beta", "Laju (keluarga/hari)"] == "0,06"
    stages = at.dataframe[1].value
    assert "Ground check (%)" in stages.columns


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("id", {"Keluarga aktif": "77,8 rb", "Sisa (keluarga)": "32,4 rb", "Laju (keluarga/hari, 28 hari)": "426,8"}),
        (
            "en",
            {"Active households": "77.8k", "Backlog (households)": "32.4k", "Pace (households/day, 28 days)": "426.8"},
        ),
    ],
)
def test_the_overview_tiles_on_the_demo_read_right(demo_db, monkeypatch, lang, expected):
    # Compact numbers (issue 18.5): "77,8 rb", never "77.8k" in Bahasa Indonesia or "77.834".
    monkeypatch.setenv("PETA_KESOS_DB", str(demo_db))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
    at.session_state["lang"] = lang
    at.run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert {label: metrics[label] for label in expected} == expected
