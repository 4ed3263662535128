"""Administrative microdata: service-record schema, synthetic generator, indicators run on DuckDB or Spark."""
