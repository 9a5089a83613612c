"""launch plans and their steps: a site launched in one flow, followed step by step

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 13:05:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('launch_plans',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('service_name', sa.String(length=255), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('domain', sa.String(length=255), nullable=False),
    sa.Column('path', sa.String(length=255), nullable=False),
    sa.Column('choices', sa.JSON(), nullable=False),
    sa.Column('sealed', sa.Text(), nullable=True),
    sa.Column('audit_entry_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['audit_entry_id'], ['audit_entries.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('launch_plans', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_launch_plans_service_name'), ['service_name'], unique=False)
        batch_op.create_index(batch_op.f('ix_launch_plans_state'), ['state'], unique=False)

    op.create_table('launch_steps',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('target', sa.String(length=255), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('task_id', sa.Integer(), nullable=True),
    sa.Column('undo_task_id', sa.Integer(), nullable=True),
    sa.Column('result', sa.JSON(), nullable=False),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('query_id', sa.String(length=128), nullable=True),
    sa.Column('started_at', sa.DateTime(), nullable=True),
    sa.Column('ended_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['plan_id'], ['launch_plans.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('plan_id', 'position')
    )


def downgrade():
    op.drop_table('launch_steps')
    with op.batch_alter_table('launch_plans', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_launch_plans_state'))
        batch_op.drop_index(batch_op.f('ix_launch_plans_service_name'))
    op.drop_table('launch_plans')
