"""dxtrack.store: the only package that speaks SQL (SQLAlchemy Core, Alembic migrations).

Other packages call its repository functions, which return plain Python values or pandas frames. They may name
:data:`Engine` (a database) and :data:`Transaction` (a unit of work opened by ``repository.transaction``) as types,
and hand them back to store functions, but never build or run queries themselves (``lint-imports`` checks this).
"""

from sqlalchemy import Connection, Engine

Transaction = Connection

__all__ = ["Engine", "Transaction"]
