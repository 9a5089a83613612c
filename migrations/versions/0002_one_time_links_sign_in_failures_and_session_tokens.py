"""one-time links, sign-in failures and session tokens

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 10:05:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade():
    # Existing rows get an empty token: the panel gives them a fresh one at their next sign-in.
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('session_token', sa.String(length=64), nullable=False, server_default='')
        )

    op.create_table('one_time_links',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('purpose', sa.String(length=10), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('expires_at', sa.DateTime(), nullable=False),
    sa.Column('used_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('token_hash')
    )
    with op.batch_alter_table('one_time_links', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_one_time_links_user_id'), ['user_id'], unique=False)

    op.create_table('sign_in_failures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('sign_in_failures', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sign_in_failures_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_sign_in_failures_email_hash'), ['email_hash'], unique=False)


def downgrade():
    with op.batch_alter_table('sign_in_failures', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sign_in_failures_email_hash'))
        batch_op.drop_index(batch_op.f('ix_sign_in_failures_created_at'))

    op.drop_table('sign_in_failures')
    with op.batch_alter_table('one_time_links', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_one_time_links_user_id'))

    op.drop_table('one_time_links')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('session_token')
