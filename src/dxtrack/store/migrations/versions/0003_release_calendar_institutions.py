"""release calendar and institution changes

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 04:50:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('release',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('publisher', sa.Text(), nullable=False),
    sa.Column('series', sa.String(length=200), nullable=False),
    sa.Column('edition', sa.String(length=40), nullable=False),
    sa.Column('released_on', sa.Date(), nullable=False),
    sa.Column('source_url', sa.Text(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('series', 'edition', name='uq_release_series_edition')
    )
    op.create_table('institution_change',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('body_from', sa.Text(), nullable=False),
    sa.Column('body_to', sa.Text(), nullable=False),
    sa.Column('effective_on', sa.Date(), nullable=False),
    sa.Column('legal_basis', sa.Text(), nullable=False),
    sa.Column('source_url', sa.Text(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )


def downgrade() -> None:
    op.drop_table('institution_change')
    op.drop_table('release')
