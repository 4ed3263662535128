from dxtrack.cli.main import run

run()
