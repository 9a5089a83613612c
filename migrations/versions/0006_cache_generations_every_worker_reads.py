"""cache generations in the database, read by every worker (without Redis)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('cache_generations',
    sa.Column('scope', sa.String(length=255), nullable=False),
    sa.Column('generation', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('scope')
    )


def downgrade():
    op.drop_table('cache_generations')
