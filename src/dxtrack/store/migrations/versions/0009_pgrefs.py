"""store, volume: on PostgreSQL, observation's references are checked once per statement, not once per row

PostgreSQL checks a foreign key with one trigger call per inserted row: for a 1 M-row import that was ~33 s of
the 77 s final INSERT. Here the five foreign keys of ``observation`` give way to statement-level triggers that do
the same work set-wise: on the observation side they take the same ``FOR KEY SHARE`` locks on the distinct
parent rows the new rows name and refuse a missing parent; on the parent side they refuse removing (DELETE,
UPDATE of the key, TRUNCATE) a key an observation still names. Both raise ``foreign_key_violation`` (SQLSTATE
23503), which drivers report as an integrity error like a real foreign key's. SQLite keeps its foreign keys
(its per-row checks are cheap): this migration does nothing there.

Revision ID: 0009_pgrefs
Revises: 0008_store2
Create Date: 2026-12-02 14:20:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0009_pgrefs'
down_revision = '0008_store2'
branch_labels = None
depends_on = None

# (observation column, parent table, parent key, the foreign key's name): the five references, a copy of
# schema.observation's foreign keys as they are at this revision (a migration must not change later).
REFERENCES = (
    ('indicator', 'indicator', 'code', 'observation_indicator_fkey'),
    ('area', 'area', 'code', 'observation_area_fkey'),
    ('source_id', 'source', 'id', 'observation_source_id_fkey'),
    ('supersedes', 'observation', 'id', 'observation_supersedes_fkey'),
    ('batch_id', 'import_batch', 'id', 'observation_batch_id_fkey'),
)

# Observation side. Each reference's distinct keys among the new rows (in key order), and of these keys' parents the
# rows this statement locks FOR KEY SHARE, one index probe per key (as a foreign key's check does, so a concurrent
# DELETE of the parent waits for this transaction). The four references with few distinct values come from one pass
# grouping the new rows by them; ``supersedes``, nearly one value per row, is read apart. Fewer locked parents than
# keys means a parent is missing — or was deleted by a transaction that committed while this one waited for its lock
# (READ COMMITTED skips such a row; REPEATABLE READ raises a serialization failure instead). Only then is the missing
# key looked up, to name it. The function's own settings: probes in key order whatever the caller set (an import
# turns nested loops off) rather than a hash of a whole parent table, and memory for the keys of a large statement.
FEW_VALUED = ('indicator', 'area', 'source_id', 'batch_id')


def _check_new_rows() -> str:
    """CREATE FUNCTION dxtrack_observation_refs(), the observation side's trigger function."""
    grouped = ', '.join(FEW_VALUED)
    ctes = [f'named AS MATERIALIZED (SELECT {grouped} FROM new_observation GROUP BY {grouped})']
    shortfalls, raises = [], []
    for i, (col, parent, pkey, fkey) in enumerate(REFERENCES, start=1):
        rows = 'named' if col in FEW_VALUED else 'new_observation'
        ctes += [
            f'keys_{i} AS MATERIALIZED (SELECT DISTINCT {col} AS v FROM {rows} WHERE {col} IS NOT NULL ORDER BY 1)',
            f'locked_{i} AS MATERIALIZED (SELECT 1 FROM keys_{i} k JOIN {parent} p ON p.{pkey} = k.v FOR KEY SHARE OF p)',
        ]
        shortfalls.append(f'(SELECT count(*) FROM keys_{i}) - (SELECT count(*) FROM locked_{i})')
        raises.append(f"""
  IF short[{i}] > 0 THEN
    SELECT min(n.{col}::text) INTO missing FROM new_observation n
      WHERE n.{col} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM {parent} p WHERE p.{pkey} = n.{col});
    RAISE EXCEPTION 'insert or update on table "observation" violates foreign key constraint "{fkey}": '
        'observation.{col} = % is not present in {parent}.{pkey}', quote_literal(missing)
      USING ERRCODE = 'foreign_key_violation', TABLE = 'observation', COLUMN = '{col}', CONSTRAINT = '{fkey}',
            DETAIL = format('Key ({col})=(%s) is not present in table "{parent}".', missing);
  END IF;""")
    return f"""
CREATE FUNCTION dxtrack_observation_refs() RETURNS trigger LANGUAGE plpgsql
  SET enable_nestloop = on SET enable_hashjoin = off SET enable_mergejoin = off SET work_mem = '64MB' AS $$
DECLARE
  short bigint[];
  missing text;
BEGIN
  WITH {(','  + chr(10) + '       ').join(ctes)}
  SELECT ARRAY[{(',' + chr(10) + '               ').join(shortfalls)}] INTO short;{''.join(raises)}
  RETURN NULL;
END
$$
"""


# Parent side, one trigger function for the four parents and observation itself, with arguments (observation
# column, parent key, foreign key name): the keys a statement removed (old keys no new row keeps — an upsert that
# rewrites a row with its own key removes none, and then observation is not read) must not be named by any
# observation. TRUNCATE removes every key: refused while any observation names one. Cost when keys are removed:
# indicator (ix_observation_series starts with it) and import_batch (ix_observation_batch) are index look-ups;
# area, source and supersedes have no index of observation starting with them, so removing one of their keys reads
# observation in full — dxtrack never removes areas, sources (immutable once recorded) or observations (append-only).
# One difference from a foreign key: a parent-side check under REPEATABLE READ reads its transaction's snapshot, so
# it misses an observation committed by a concurrent transaction after that snapshot (a foreign key re-checks with a
# fresh one); dxtrack's transactions are READ COMMITTED, where each check reads what is committed when it runs.
CHECK_REMOVED_KEYS = """
CREATE FUNCTION dxtrack_observation_parent_refs() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  col text := TG_ARGV[0];
  pkey text := TG_ARGV[1];
  fkey text := TG_ARGV[2];
  removed text;
  named text;
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    EXECUTE format('SELECT %1$I::text FROM observation WHERE %1$I IS NOT NULL LIMIT 1', col) INTO named;
  ELSE
    IF TG_OP = 'DELETE' THEN
      removed := format('SELECT %1$I AS v FROM old_parent', pkey);
    ELSE
      removed := format('SELECT %1$I AS v FROM old_parent EXCEPT SELECT %1$I FROM new_parent', pkey);
    END IF;
    EXECUTE format(
      'SELECT r.v::text FROM (%s) r WHERE r.v IS NOT NULL AND EXISTS (SELECT 1 FROM observation o WHERE o.%I = r.v) '
      'LIMIT 1', removed, col) INTO named;
  END IF;
  IF named IS NOT NULL THEN
    RAISE EXCEPTION '% on table "%" violates foreign key constraint "%" on table "observation": '
        '%.% = % is still named by observation.%', TG_OP, TG_TABLE_NAME, fkey, TG_TABLE_NAME, pkey,
        quote_literal(named), col
      USING ERRCODE = 'foreign_key_violation', TABLE = TG_TABLE_NAME, COLUMN = pkey, CONSTRAINT = fkey,
            DETAIL = format('Key (%s)=(%s) is still referenced from table "observation".', pkey, named);
  END IF;
  RETURN NULL;
END
$$
"""


def _triggers() -> list[str]:
    """The CREATE TRIGGER statements (observation side, then each parent's DELETE, UPDATE and TRUNCATE)."""
    statements = [
        f'CREATE TRIGGER observation_refs_{event.lower()} AFTER {event} ON observation '
        'REFERENCING NEW TABLE AS new_observation FOR EACH STATEMENT EXECUTE FUNCTION dxtrack_observation_refs()'
        for event in ('INSERT', 'UPDATE')
    ]
    for col, parent, pkey, fkey in REFERENCES:
        call = f"EXECUTE FUNCTION dxtrack_observation_parent_refs('{col}', '{pkey}', '{fkey}')"
        statements += [
            f'CREATE TRIGGER observation_{col}_parent_delete AFTER DELETE ON {parent} '
            f'REFERENCING OLD TABLE AS old_parent FOR EACH STATEMENT {call}',
            f'CREATE TRIGGER observation_{col}_parent_update AFTER UPDATE ON {parent} '
            f'REFERENCING OLD TABLE AS old_parent NEW TABLE AS new_parent FOR EACH STATEMENT {call}',
            f'CREATE TRIGGER observation_{col}_parent_truncate BEFORE TRUNCATE ON {parent} FOR EACH STATEMENT {call}',
        ]
    return statements


def _trigger_names() -> list[tuple[str, str]]:
    """(trigger, table) of every trigger this migration creates."""
    names = [(f'observation_refs_{event}', 'observation') for event in ('insert', 'update')]
    for col, parent, _pkey, _fkey in REFERENCES:
        names += [(f'observation_{col}_parent_{event}', parent) for event in ('delete', 'update', 'truncate')]
    return names


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != 'postgresql':
        return
    present = {
        tuple(fk['constrained_columns']): str(fk['name']) for fk in sa.inspect(bind).get_foreign_keys('observation')
    }
    for col, _parent, _pkey, _fkey in REFERENCES:
        op.drop_constraint(present[(col,)], 'observation', type_='foreignkey')
    op.execute(_check_new_rows())
    op.execute(CHECK_REMOVED_KEYS)
    for statement in _triggers():
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    for trigger, table in _trigger_names():
        op.execute(f'DROP TRIGGER IF EXISTS {trigger} ON {table}')
    op.execute('DROP FUNCTION IF EXISTS dxtrack_observation_parent_refs()')
    op.execute('DROP FUNCTION IF EXISTS dxtrack_observation_refs()')
    for col, parent, pkey, fkey in REFERENCES:
        op.create_foreign_key(fkey, 'observation', parent, [col], [pkey])
