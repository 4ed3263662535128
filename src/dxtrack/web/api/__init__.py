"""The JSON API (versioned routers under ``v1``)."""
