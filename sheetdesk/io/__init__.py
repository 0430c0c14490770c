"""Reading, recognising, coercing and writing workbooks."""
