"""the daily watch: its runs and what it found

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 13:40:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('watch_runs',
    sa.Column('key', sa.String(length=40), nullable=False),
    sa.Column('started_at', sa.DateTime(), nullable=False),
    sa.Column('finished_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('key')
    )
    op.create_table('watch_findings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('service_name', sa.String(length=255), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('subject', sa.String(length=255), nullable=False),
    sa.Column('detail', sa.JSON(), nullable=False),
    sa.Column('found_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('watch_findings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_watch_findings_service_name'), ['service_name'], unique=False)


def downgrade():
    with op.batch_alter_table('watch_findings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_watch_findings_service_name'))
    op.drop_table('watch_findings')
    op.drop_table('watch_runs')
