"""The DuckDB warehouse: connect, create the schema, build the demo, import agency files."""
