"""daily use snapshots: each plan's disk and each database's size, one row a day

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02 16:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('use_snapshots',
    sa.Column('service_name', sa.String(length=255), nullable=False),
    sa.Column('database', sa.String(length=255), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('used_bytes', sa.BigInteger(), nullable=False),
    sa.Column('size_bytes', sa.BigInteger(), nullable=True),
    sa.PrimaryKeyConstraint('service_name', 'database', 'day')
    )
    with op.batch_alter_table('use_snapshots', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_use_snapshots_day'), ['day'], unique=False)


def downgrade():
    with op.batch_alter_table('use_snapshots', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_use_snapshots_day'))
    op.drop_table('use_snapshots')
