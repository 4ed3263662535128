"""dxtrack — monitoring and evaluation of national digital-transformation strategies."""

from __future__ import annotations


def _installed_version() -> str:
    """The version from the installed package's metadata (pyproject.toml is the one place it is written)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("dxtrack")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0+unknown"


def __getattr__(name: str) -> str:
    # PEP 562: read the metadata only when someone asks (importing dxtrack stays free)
    if name == "__version__":
        return _installed_version()
    raise AttributeError(f"module 'dxtrack' has no attribute '{name}'")
