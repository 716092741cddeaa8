"""Pure computation on DataFrames: no streamlit, no database."""
