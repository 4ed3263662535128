"""dxtrack.analysis."""
