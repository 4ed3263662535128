"""dxtrack.cli."""
