"""teams

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30

Teams on a shared server (issue 15): teams, their members (a login and its
role), and each citizen's caseworker history with the handover's note.
Every citizen's current caseworker gets an open assignment, started when the
citizen was added, so the history starts complete.
"""
import uuid

from alembic import op
import sqlalchemy as sa
import sqlmodel.sql.sqltypes
import enplan.store.types


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('team',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('shares_caseloads', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('created_at', enplan.store.types.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_team')),
    sa.UniqueConstraint('name', name=op.f('uq_team_name'))
    )
    op.create_table('team_member',
    sa.Column('login', sqlmodel.sql.sqltypes.AutoString(length=63), nullable=False),
    sa.Column('team_id', sa.Uuid(), nullable=False),
    sa.Column('role', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('added_at', enplan.store.types.UTCDateTime(), nullable=False),
    sa.Column('removed_at', enplan.store.types.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['team_id'], ['team.id'], name=op.f('fk_team_member_team_id_team')),
    sa.PrimaryKeyConstraint('login', name=op.f('pk_team_member'))
    )
    with op.batch_alter_table('team_member', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_team_member_team_id'), ['team_id'], unique=False)
    op.create_table('caseworker_assignment',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', enplan.store.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', enplan.store.types.UTCDateTime(), nullable=False),
    sa.Column('deleted_at', enplan.store.types.UTCDateTime(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('server_seq', sa.BigInteger(), nullable=True),
    sa.Column('citizen_id', sa.Uuid(), nullable=False),
    sa.Column('caseworker', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('started_at', enplan.store.types.UTCDateTime(), nullable=False),
    sa.Column('ended_at', enplan.store.types.UTCDateTime(), nullable=True),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('note_read_at', enplan.store.types.UTCDateTime(), nullable=True),
    sa.Column('handed_over_by', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.ForeignKeyConstraint(['citizen_id'], ['citizen.id'], name=op.f('fk_caseworker_assignment_citizen_id_citizen'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_caseworker_assignment'))
    )
    with op.batch_alter_table('caseworker_assignment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_caseworker_assignment_citizen_id'), ['citizen_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_caseworker_assignment_server_seq'), ['server_seq'], unique=False)
    # The history starts with each citizen's caseworker now, from when the citizen was added.
    citizen = sa.table('citizen', sa.column('id', sa.Uuid), sa.column('caseworker', sa.String),
                       sa.column('created_at', enplan.store.types.UTCDateTime()))
    rows = op.get_bind().execute(sa.select(citizen.c.id, citizen.c.caseworker, citizen.c.created_at)
                                 .where(citizen.c.caseworker != '')).all()
    if rows:
        stamp = enplan.store.types.UTCDateTime()
        assignment = sa.table('caseworker_assignment', sa.column('id', sa.Uuid), sa.column('created_at', stamp),
                              sa.column('updated_at', stamp), sa.column('version', sa.Integer),
                              sa.column('updated_by', sa.String), sa.column('citizen_id', sa.Uuid),
                              sa.column('caseworker', sa.String), sa.column('started_at', stamp),
                              sa.column('note', sa.String), sa.column('handed_over_by', sa.String))
        op.bulk_insert(assignment, [
            {'id': uuid.uuid4(), 'created_at': at, 'updated_at': at, 'version': 1, 'updated_by': '',
             'citizen_id': cid, 'caseworker': who, 'started_at': at, 'note': '', 'handed_over_by': ''}
            for cid, who, at in rows])


def downgrade() -> None:
    with op.batch_alter_table('caseworker_assignment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_caseworker_assignment_server_seq'))
        batch_op.drop_index(batch_op.f('ix_caseworker_assignment_citizen_id'))
    op.drop_table('caseworker_assignment')
    with op.batch_alter_table('team_member', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_team_member_team_id'))
    op.drop_table('team_member')
    op.drop_table('team')
