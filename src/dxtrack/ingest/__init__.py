"""dxtrack.ingest."""
