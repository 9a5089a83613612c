"""demo accounts are marked, so a panel off the sandbox deletes them

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02 09:20:00.000000

"""
from alembic import op
import sqlalchemy as sa
from werkzeug.security import check_password_hash

# The demo accounts seeded before this revision: marked here, so the panel deletes them the first
# time it starts off the sandbox.
DEMO_ACCOUNTS = {
    'admin@example.com': 'demo-admin-pass',
    'staff@example.com': 'demo-staff-pass',
}


# revision identifiers, used by Alembic.
revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('demo', sa.Boolean(), nullable=False, server_default=sa.false())
        )
    users = sa.table(
        'users',
        sa.column('id', sa.Integer),
        sa.column('email', sa.String),
        sa.column('password_hash', sa.String),
        sa.column('demo', sa.Boolean),
    )
    connection = op.get_bind()
    rows = connection.execute(
        sa.select(users.c.id, users.c.email, users.c.password_hash).where(
            users.c.email.in_(list(DEMO_ACCOUNTS))
        )
    )
    for user_id, email, password_hash in list(rows):
        if password_hash and check_password_hash(password_hash, DEMO_ACCOUNTS[email]):
            connection.execute(sa.update(users).where(users.c.id == user_id).values(demo=True))


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('demo')
