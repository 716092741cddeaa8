"""Tables in the session language's conventions (issue 18.5): decimal comma and thousands dot in
Bahasa Indonesia, thousands comma and decimal point in English, units in the headers."""

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from streamlit import dataframe_util
from streamlit.elements.lib.pandas_styler_utils import marshall_styler
from streamlit.proto.ArrowData_pb2 import ArrowData
from streamlit.testing.v1 import AppTest

from tests.seed import seed_db  # noqa: F401
from tests.shown import displayed
from ui import tables

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


def drawn(lang):
    at = AppTest.from_function(script, kwargs={"frame": FRAME, "lang": lang}).run()
    assert not at.exception, [e.value for e in at.exception]
    (table,) = at.dataframe
    config = json.loads(table.proto.columns)
    assert config == {"_index": {"hidden": True}}, "no column format: it would win over the display texts"
    return table.value, displayed(table)


@pytest.mark.parametrize(
    ("lang", "texts"),
    [
        (
            "id",
            {
                "Kelurahan": ["Alpha", "Beta"],
                "Keluarga": ["1.234.567", "0"],
                "Cakupan (%)": ["28,6", "–"],
                "Laju (keluarga/hari)": ["1.234,57", "-0,50"],
                "Tertinggal": ["True", "False"],
            },
        ),
        (
            "en",
            {
                "Kelurahan": ["Alpha", "Beta"],
                "Keluarga": ["1,234,567", "0"],
                "Cakupan (%)": ["28.6", "–"],
                "Laju (keluarga/hari)": ["1,234.57", "-0.50"],
                "Tertinggal": ["True", "False"],
            },
        ),
    ],
)
def test_numbers_stay_numbers_drawn_in_the_session_language(lang, texts):
    value, shown = drawn(lang)
    assert shown.to_dict("list") == texts
    # The values the grid sorts by: numbers in both languages (a rate as 0-100).
    assert value["Keluarga"].tolist() == [1234567, 0]
    assert value["Cakupan (%)"].iloc[0] == pytest.approx(28.57) and pd.isna(value["Cakupan (%)"].iloc[1])
    assert value["Laju (keluarga/hari)"].tolist() == [1234.567, -0.5]
    assert value["Tertinggal"].tolist() == [True, False]


TINY = pd.DataFrame({"Nama": ["a", "b", "c"], "Laju (keluarga/hari)": [1234.5, 200.25, None], "Rp": [1000, 200, 5]})


@pytest.mark.parametrize(
    ("lang", "laju", "rupiah"),
    [
        ("id", ["1.234,50", "200,25", "–"], ["1.000", "200", "5"]),
        ("en", ["1,234.50", "200.25", "–"], ["1,000", "200", "5"]),
    ],
)
def test_styled_texts_beside_raw_values(lang, laju, rupiah):
    style = tables.styled(TINY, lang)
    assert style.data.equals(TINY), "the values stay as they are"
    payload = ArrowData()
    marshall_styler(payload, style, "tiny")
    texts = dataframe_util.convert_arrow_bytes_to_pandas_df(payload.styler.display_values)
    assert texts.to_dict("list") == {"Nama": ["a", "b", "c"], "Laju (keluarga/hari)": laju, "Rp": rupiah}
    # One decimal for a percentage, two for a decimal, none for whole numbers; digits on request.
    one = tables.styled(pd.DataFrame({"Cakupan (%)": [12.25], "Laju": [1234.5]}), lang, digits={"Laju": 1})
    one._compute()
    cells = [c["display_value"] for c in one._translate(False, False)["body"][0] if c["type"] == "td"]
    assert cells == (["12,2", "1.234,5"] if lang == "id" else ["12.2", "1,234.5"])


def test_the_grid_sorts_by_value_not_by_text():
    # "1.000" sorts before "200" as text; the grid (glide-data-grid's "smart" sort of a number
    # column) compares the values, which st.dataframe sends as numbers beside the texts.
    at = AppTest.from_function(tiny_script).run()
    (table,) = at.dataframe
    value, texts = table.value, displayed(table)
    assert pd.api.types.is_integer_dtype(value["Rp"]) and pd.api.types.is_float_dtype(value["Laju (keluarga/hari)"])
    assert value.sort_values("Rp")["Nama"].tolist() == ["c", "b", "a"]
    assert texts.sort_values("Rp")["Nama"].tolist() == ["a", "b", "c"], "as text the order would be wrong"


def tiny_script():
    import pandas as pd

    from ui import tables

    tables.show_table(
        pd.DataFrame({"Nama": ["a", "b", "c"], "Laju (keluarga/hari)": [1234.5, 200.25, None], "Rp": [1000, 200, 5]})
    )


def test_object_columns_of_numbers_and_blanks_are_numbers():
    # A suppressed count (None among ints) and DuckDB's DECIMAL arrive as object columns.
    frame = pd.DataFrame({"Kasus": pd.Series([1234, None], dtype=object), "Dana (Rp)": [Decimal("1500000"), None]})
    payload = ArrowData()
    marshall_styler(payload, tables.styled(frame, "id", missing={"Kasus": "< 5"}), "objects")
    texts = dataframe_util.convert_arrow_bytes_to_pandas_df(payload.styler.display_values)
    assert texts.to_dict("list") == {"Kasus": ["1.234", "< 5"], "Dana (Rp)": ["1.500.000", "–"]}


def test_dates_and_times_in_the_session_language():
    frame = pd.DataFrame(
        {
            "Hari": [dt.date(2026, 1, 5), None],
            "Waktu (UTC)": pd.to_datetime(["2026-01-05 09:30", "2026-02-12 00:00"]),
        }
    )
    for lang, texts in (
        ("id", {"Hari": ["05/01/2026", "–"], "Waktu (UTC)": ["05/01/2026 09:30", "12/02/2026 00:00"]}),
        ("en", {"Hari": ["2026-01-05", "–"], "Waktu (UTC)": ["2026-01-05 09:30", "2026-02-12 00:00"]}),
    ):
        payload = ArrowData()
        marshall_styler(payload, tables.styled(frame, lang), "dates")
        assert dataframe_util.convert_arrow_bytes_to_pandas_df(payload.styler.display_values).to_dict("list") == texts


def test_the_overview_tables_in_indonesian(seed_db, monkeypatch):
    monkeypatch.setenv("PETA_KESOS_DB", str(seed_db))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.session_state["lang"] = "id"
    at.run()
    assert not at.exception
    lagging = displayed(at.dataframe[0]).set_index("Kelurahan/desa")
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


def two_tables_script(rows):
    import pandas as pd
    import streamlit as st

    from ui import tables

    st.session_state["lang"] = "id"
    frame = pd.DataFrame({"Kasus": list(range(rows)), "Laju (%)": [0.5] * rows})
    tables.show_table(frame)
    tables.show_table(frame.copy())
    tables.show_table(frame.assign(Kasus=frame["Kasus"] + 1))


def test_equal_tables_are_styled_once_for_everyone():
    # Issue 14.4: the same values in the same language are one Styler for every session (and
    # every place on the page), marshalled once: the same uuid and texts; other values are
    # another table. A table over SHARED_MAX_CELLS is styled per run (its own uuid).
    first = AppTest.from_function(two_tables_script, kwargs={"rows": 3}, default_timeout=60).run()
    again = AppTest.from_function(two_tables_script, kwargs={"rows": 3}, default_timeout=60).run()
    styler = [t.proto.arrow_data.styler for t in (*first.dataframe, *again.dataframe)]
    assert len({s.uuid for s in styler}) == 2
    assert styler[0] == styler[1] == styler[3] == styler[4] and styler[2] == styler[5] != styler[0]
    assert displayed(first.dataframe[2])["Kasus"].tolist() == ["1", "2", "3"]
    assert displayed(first.dataframe[0])["Laju (%)"].tolist() == ["0,5"] * 3
    rows = tables.SHARED_MAX_CELLS // 2 + 1
    large = AppTest.from_function(two_tables_script, kwargs={"rows": rows}, default_timeout=120).run()
    assert len({t.proto.arrow_data.styler.uuid for t in large.dataframe}) == 3
    assert displayed(large.dataframe[0])["Kasus"].iloc[-1] == f"{rows - 1:,}".replace(",", ".")
