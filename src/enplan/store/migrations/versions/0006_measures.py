"""measures

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30

Progression measures (issue 12): one row per instrument measured for a
citizen on a day, with the raw answers.
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel.sql.sqltypes
import enplan.store.types


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('measure',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', enplan.store.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', enplan.store.types.UTCDateTime(), nullable=False),
    sa.Column('deleted_at', enplan.store.types.UTCDateTime(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('server_seq', sa.BigInteger(), nullable=True),
    sa.Column('citizen_id', sa.Uuid(), nullable=False),
    sa.Column('instrument', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('measured_on', sa.Date(), nullable=False),
    sa.Column('value', sa.Float(), nullable=False),
    sa.Column('answers', sa.JSON(), nullable=False),
    sa.Column('source', sa.Enum('own', 'meeting', 'checkin', name='measuresource', native_enum=False, length=40),
              nullable=False),
    sa.Column('source_id', sa.Uuid(), nullable=True),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['citizen_id'], ['citizen.id'], name=op.f('fk_measure_citizen_id_citizen'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_measure'))
    )
    with op.batch_alter_table('measure', schema=None) as batch_op:
        batch_op.create_index('ix_measure_citizen_on', ['citizen_id', 'deleted_at', 'measured_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_measure_server_seq'), ['server_seq'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('measure', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_measure_server_seq'))
        batch_op.drop_index('ix_measure_citizen_on')
    op.drop_table('measure')
