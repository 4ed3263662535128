"""Administrative microdata: the service-record schema, a synthetic generator, indicator definitions run on DuckDB or Spark."""
