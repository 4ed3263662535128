"""dxtrack.services."""
