"""reporting loop, core: units' e-mail contacts, reminders sent, evidence files

Revision ID: 0006_loopcore
Revises: 0005_loop
Create Date: 2026-12-02 05:45:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0006_loopcore'
down_revision = '0005_loop'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('unit_contact',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('org_id', sa.String(length=40), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('name', sa.Text(), nullable=True),
    sa.Column('added_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('added_by', sa.String(length=60), nullable=False),
    sa.ForeignKeyConstraint(['org_id'], ['organisation.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('org_id', 'email', name='uq_unit_contact')
    )
    op.create_index(op.f('ix_unit_contact_org_id'), 'unit_contact', ['org_id'], unique=False)
    op.create_table('reminder',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('call_id', sa.Integer(), nullable=False),
    sa.Column('org_id', sa.String(length=40), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('channel', sa.String(length=10), nullable=False),
    sa.Column('result', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['call_id'], ['data_call.id'], ),
    sa.ForeignKeyConstraint(['org_id'], ['organisation.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('call_id', 'org_id', 'kind', 'channel', name='uq_reminder')
    )
    op.create_index(op.f('ix_reminder_org_id'), 'reminder', ['org_id'], unique=False)
    op.create_table('evidence_file',
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('org_id', sa.String(length=40), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('media_type', sa.String(length=100), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('scan', sa.String(length=20), nullable=False),
    sa.Column('added_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('added_by', sa.String(length=60), nullable=False),
    sa.ForeignKeyConstraint(['org_id'], ['organisation.id'], ),
    sa.PrimaryKeyConstraint('sha256')
    )


def downgrade() -> None:
    op.drop_table('evidence_file')
    op.drop_index(op.f('ix_reminder_org_id'), table_name='reminder')
    op.drop_table('reminder')
    op.drop_index(op.f('ix_unit_contact_org_id'), table_name='unit_contact')
    op.drop_table('unit_contact')
