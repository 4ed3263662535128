from dxtrack.cli import run

run()
