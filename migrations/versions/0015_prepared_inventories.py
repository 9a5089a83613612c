"""prepared inventories: a large account's inventory made by the queue, kept an hour

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-02 16:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('prepared_inventories',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('state', sa.String(length=10), nullable=False),
    sa.Column('plans_total', sa.Integer(), nullable=False),
    sa.Column('plans_done', sa.Integer(), nullable=False),
    sa.Column('rows', sa.JSON(), nullable=False),
    sa.Column('order', sa.JSON(), nullable=False),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('finished_at', sa.DateTime(), nullable=True),
    sa.Column('expires_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('prepared_inventories', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_prepared_inventories_expires_at'), ['expires_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_prepared_inventories_user_id'), ['user_id'], unique=False)


def downgrade():
    with op.batch_alter_table('prepared_inventories', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_prepared_inventories_user_id'))
        batch_op.drop_index(batch_op.f('ix_prepared_inventories_expires_at'))
    op.drop_table('prepared_inventories')
