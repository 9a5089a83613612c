"""approval requests: staff ask, administrators approve or decline

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02 14:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('approval_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('action', sa.String(length=64), nullable=False),
    sa.Column('service_name', sa.String(length=255), nullable=False),
    sa.Column('target', sa.String(length=255), nullable=False),
    sa.Column('values', sa.JSON(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('requested_by', sa.Integer(), nullable=True),
    sa.Column('requester_email', sa.String(length=254), nullable=False),
    sa.Column('requested_at', sa.DateTime(), nullable=False),
    sa.Column('expires_at', sa.DateTime(), nullable=False),
    sa.Column('state', sa.String(length=10), nullable=False),
    sa.Column('decided_by_email', sa.String(length=254), nullable=True),
    sa.Column('decided_at', sa.DateTime(), nullable=True),
    sa.Column('decline_reason', sa.Text(), nullable=True),
    sa.Column('task_id', sa.Integer(), nullable=True),
    sa.Column('error', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['requested_by'], ['users.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('approval_requests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_approval_requests_expires_at'), ['expires_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_approval_requests_requested_by'), ['requested_by'], unique=False)
        batch_op.create_index(batch_op.f('ix_approval_requests_service_name'), ['service_name'], unique=False)
        batch_op.create_index(batch_op.f('ix_approval_requests_state'), ['state'], unique=False)


def downgrade():
    with op.batch_alter_table('approval_requests', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_approval_requests_state'))
        batch_op.drop_index(batch_op.f('ix_approval_requests_service_name'))
        batch_op.drop_index(batch_op.f('ix_approval_requests_requested_by'))
        batch_op.drop_index(batch_op.f('ix_approval_requests_expires_at'))
    op.drop_table('approval_requests')
