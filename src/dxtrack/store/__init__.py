"""dxtrack.store: the only package that speaks SQL (SQLAlchemy Core, Alembic migrations).

Other packages call its repository functions, which return plain Python values or pandas frames. They may name
:class:`Engine` and :class:`Connection` as types (re-exported here) but never build queries themselves.
"""

from sqlalchemy import Connection, Engine

__all__ = ["Connection", "Engine"]
