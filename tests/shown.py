"""What a table on a page shows: ``st.dataframe`` of a pandas Styler (ui.tables.show_table) sends
the values (``.value`` in AppTest, what the grid sorts by) and, beside them, the display texts
the grid draws."""

import pandas as pd
from streamlit import dataframe_util


def displayed(table) -> pd.DataFrame:
    """The texts an AppTest ``Dataframe`` element draws, cell by cell, under its headers."""
    texts = table.proto.arrow_data.styler.display_values
    assert texts, "the table carries no display texts (not drawn by ui.tables.show_table)"
    return dataframe_util.convert_arrow_bytes_to_pandas_df(texts)
