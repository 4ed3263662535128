"""organisations, the audit hash chain, and append-only tables on PostgreSQL

Revision ID: 0004_orgs
Revises: 0004_ingest
Create Date: 2026-12-01 07:10:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0004_orgs'
down_revision = '0004_ingest'
branch_labels = None
depends_on = None

# Rows of these tables are never changed or removed once written (observations are revised by a new row);
# the same list as dxtrack.store.audit.APPEND_ONLY (a migration keeps its own copy: it must not change later).
APPEND_ONLY = ('audit_event', 'observation', 'evidence', 'analyst_note', 'assessment_run')

REFUSE = """
CREATE OR REPLACE FUNCTION dxtrack_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'dxtrack: % on % is refused: the table is append-only', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END
$$
"""


def upgrade() -> None:
    op.create_table('organisation',
    sa.Column('id', sa.String(length=40), nullable=False),
    sa.Column('name_vi', sa.Text(), nullable=False),
    sa.Column('name_en', sa.Text(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('parent_id', sa.String(length=40), nullable=True),
    sa.Column('valid_from', sa.Date(), nullable=True),
    sa.Column('valid_to', sa.Date(), nullable=True),
    sa.Column('successor_id', sa.String(length=40), nullable=True),
    sa.Column('area_code', sa.String(length=40), nullable=True),
    sa.Column('source_id', sa.String(length=120), nullable=True),
    sa.ForeignKeyConstraint(['parent_id'], ['organisation.id'], ),
    sa.ForeignKeyConstraint(['successor_id'], ['organisation.id'], ),
    sa.ForeignKeyConstraint(['source_id'], ['source.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('audit_event',
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor', sa.String(length=120), nullable=False),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('entity', sa.String(length=40), nullable=False),
    sa.Column('entity_id', sa.String(length=120), nullable=False),
    sa.Column('before_hash', sa.String(length=64), nullable=True),
    sa.Column('after_hash', sa.String(length=64), nullable=True),
    sa.Column('detail', sa.JSON(), nullable=True),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('hash')
    )
    op.create_index('ix_audit_event_entity', 'audit_event', ['entity', 'entity_id'], unique=False)
    if op.get_bind().dialect.name == 'postgresql':
        op.execute(REFUSE)
        for table in APPEND_ONLY:
            op.execute(
                f'CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} '
                'FOR EACH ROW EXECUTE FUNCTION dxtrack_refuse_change()'
            )
            op.execute(
                f'CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} '
                'FOR EACH STATEMENT EXECUTE FUNCTION dxtrack_refuse_change()'
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        for table in APPEND_ONLY:
            op.execute(f'DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}')
            op.execute(f'DROP TRIGGER IF EXISTS {table}_append_only ON {table}')
        op.execute('DROP FUNCTION IF EXISTS dxtrack_refuse_change()')
    op.drop_index('ix_audit_event_entity', table_name='audit_event')
    op.drop_table('audit_event')
    op.drop_table('organisation')
