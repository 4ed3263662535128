"""What `dxtrack --version` prints."""

from __future__ import annotations


def version_line() -> str:
    from dxtrack import _installed_version

    return f"dxtrack {_installed_version()}"
