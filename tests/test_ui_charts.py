import pandas as pd
import plotly.graph_objects as go

from ui import charts

BUILT: list[str] = []


@charts.shared
def bars(frame: pd.DataFrame, title: str) -> go.Figure:
    BUILT.append(title)
    return go.Figure(go.Bar(x=frame["x"], y=frame["y"]), layout={"title": title})


@charts.shared
def no_chart(frame: pd.DataFrame) -> go.Figure | None:
    return None


def test_the_same_chart_is_built_once_in_the_session_language_and_shared():
    BUILT.clear()
    first = bars(pd.DataFrame({"x": ["a", "b"], "y": [1, 2]}), "Satu")
    # Another session: an equal frame built anew, the same figure object, not built again.
    again = bars(pd.DataFrame({"x": ["a", "b"], "y": [1, 2]}), "Satu")
    assert again is first and BUILT == ["Satu"]
    # Localized once for the session language (Bahasa Indonesia by default): ui.i18n.plot leaves it.
    assert first.layout.separators == ",." and first._pk_language == "id"
    assert first.layout.yaxis.exponentformat == "none"
    other = bars(pd.DataFrame({"x": ["a", "b"], "y": [1, 3]}), "Satu")
    assert other is not first and list(other.data[0].y) == [1, 3] and BUILT == ["Satu", "Satu"]
    assert bars(pd.DataFrame({"x": ["a", "b"], "y": [1, 2]}), "Dua") is not first


def test_a_builder_without_a_chart_gives_none():
    assert no_chart(pd.DataFrame({"x": []})) is None
