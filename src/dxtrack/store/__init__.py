"""dxtrack.store."""
