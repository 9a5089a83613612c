"""launch plans: when the application's admin password was shown, once

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02 16:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('launch_plans', schema=None) as batch_op:
        batch_op.add_column(sa.Column('password_shown_at', sa.DateTime(), nullable=True))


def downgrade():
    with op.batch_alter_table('launch_plans', schema=None) as batch_op:
        batch_op.drop_column('password_shown_at')
