"""dxtrack.domain."""
