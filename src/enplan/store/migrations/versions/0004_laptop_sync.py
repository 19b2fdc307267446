"""laptop sync

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30

Laptop sync: the server's commit clock and a server_seq on every record
(laptops pull by it), the laptops and their changes, conflicts, and on a
laptop its identity and outbox. The audit log learns a laptop's own time.
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel.sql.sqltypes
import enplan.store.types


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('sync_clock',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_clock'))
    )
    op.execute("INSERT INTO sync_clock (id, seq) VALUES (1, 0)")  # the one row every commit moves on
    op.create_table('sync_conflict',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', enplan.store.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', enplan.store.types.UTCDateTime(), nullable=False),
    sa.Column('deleted_at', enplan.store.types.UTCDateTime(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('server_seq', sa.BigInteger(), nullable=True),
    sa.Column('citizen_id', sa.Uuid(), nullable=True),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('entity', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('entity_id', sa.Uuid(), nullable=False),
    sa.Column('field', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('base', sa.JSON(), nullable=True),
    sa.Column('server', sa.JSON(), nullable=True),
    sa.Column('laptop', sa.JSON(), nullable=True),
    sa.Column('laptop_author', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('laptop_at', enplan.store.types.UTCDateTime(), nullable=True),
    sa.Column('server_author', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('server_at', enplan.store.types.UTCDateTime(), nullable=True),
    sa.Column('device_id', sa.Uuid(), nullable=True),
    sa.Column('resolved_at', enplan.store.types.UTCDateTime(), nullable=True),
    sa.Column('resolved_by', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('resolution', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('resolved_value', sa.JSON(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_conflict'))
    )
    with op.batch_alter_table('sync_conflict', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sync_conflict_citizen_id'), ['citizen_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sync_conflict_entity_id'), ['entity_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sync_conflict_server_seq'), ['server_seq'], unique=False)

    op.create_table('sync_device',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('caseworker', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('last_seq', sa.BigInteger(), nullable=False),
    sa.Column('created_at', enplan.store.types.UTCDateTime(), nullable=False),
    sa.Column('last_seen_at', enplan.store.types.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_device'))
    )
    op.create_table('sync_event',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('device_id', sa.Uuid(), nullable=False),
    sa.Column('device_seq', sa.BigInteger(), nullable=False),
    sa.Column('entity', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('entity_id', sa.Uuid(), nullable=False),
    sa.Column('citizen_id', sa.Uuid(), nullable=True),
    sa.Column('op', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('author', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('recorded_at', enplan.store.types.UTCDateTime(), nullable=False),
    sa.Column('received_at', enplan.store.types.UTCDateTime(), nullable=False),
    sa.Column('outcome', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_event')),
    sa.UniqueConstraint('device_id', 'device_seq', name='uq_sync_event_device_seq')
    )
    with op.batch_alter_table('sync_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sync_event_citizen_id'), ['citizen_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sync_event_device_id'), ['device_id'], unique=False)

    op.create_table('sync_laptop',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('device_id', sa.Uuid(), nullable=False),
    sa.Column('server_url', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
    sa.Column('caseworker', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('set_up_at', enplan.store.types.UTCDateTime(), nullable=False),
    sa.Column('pulled_to', sa.BigInteger(), nullable=False),
    sa.Column('last_synced_at', enplan.store.types.UTCDateTime(), nullable=True),
    sa.Column('last_attempt_at', enplan.store.types.UTCDateTime(), nullable=True),
    sa.Column('last_problem', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('last_sent_seq', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_laptop'))
    )
    op.create_table('sync_outbox',
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Uuid(), nullable=False),
    sa.Column('entity', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('entity_id', sa.Uuid(), nullable=False),
    sa.Column('citizen_id', sa.Uuid(), nullable=True),
    sa.Column('op', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('base_version', sa.Integer(), nullable=False),
    sa.Column('author', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('recorded_at', enplan.store.types.UTCDateTime(), nullable=False),
    sa.Column('state', sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
    sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('sent_seq', sa.BigInteger(), nullable=True),
    sa.PrimaryKeyConstraint('seq', name=op.f('pk_sync_outbox')),
    sa.UniqueConstraint('event_id', name=op.f('uq_sync_outbox_event_id'))
    )
    with op.batch_alter_table('sync_outbox', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sync_outbox_citizen_id'), ['citizen_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sync_outbox_entity_id'), ['entity_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sync_outbox_state'), ['state'], unique=False)

    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('recorded_at', enplan.store.types.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column('device_id', sa.Uuid(), nullable=True))

    with op.batch_alter_table('citizen', schema=None) as batch_op:
        batch_op.add_column(sa.Column('server_seq', sa.BigInteger(), nullable=True))
        batch_op.create_index(batch_op.f('ix_citizen_server_seq'), ['server_seq'], unique=False)

    with op.batch_alter_table('cti_checkin', schema=None) as batch_op:
        batch_op.add_column(sa.Column('server_seq', sa.BigInteger(), nullable=True))
        batch_op.create_index(batch_op.f('ix_cti_checkin_server_seq'), ['server_seq'], unique=False)

    with op.batch_alter_table('cti_course', schema=None) as batch_op:
        batch_op.add_column(sa.Column('server_seq', sa.BigInteger(), nullable=True))
        batch_op.create_index(batch_op.f('ix_cti_course_server_seq'), ['server_seq'], unique=False)

    with op.batch_alter_table('cti_phase', schema=None) as batch_op:
        batch_op.add_column(sa.Column('server_seq', sa.BigInteger(), nullable=True))
        batch_op.create_index(batch_op.f('ix_cti_phase_server_seq'), ['server_seq'], unique=False)

    with op.batch_alter_table('employer', schema=None) as batch_op:
        batch_op.add_column(sa.Column('server_seq', sa.BigInteger(), nullable=True))
        batch_op.create_index(batch_op.f('ix_employer_server_seq'), ['server_seq'], unique=False)

    with op.batch_alter_table('employer_follow_up', schema=None) as batch_op:
        batch_op.add_column(sa.Column('server_seq', sa.BigInteger(), nullable=True))
        batch_op.create_index(batch_op.f('ix_employer_follow_up_server_seq'), ['server_seq'], unique=False)

    with op.batch_alter_table('erasure', schema=None) as batch_op:
        batch_op.add_column(sa.Column('server_seq', sa.BigInteger(), nullable=True))
        batch_op.create_index(batch_op.f('ix_erasure_server_seq'), ['server_seq'], unique=False)

    with op.batch_alter_table('follow_up', schema=None) as batch_op:
        batch_op.add_column(sa.Column('server_seq', sa.BigInteger(), nullable=True))
        batch_op.create_index(batch_op.f('ix_follow_up_server_seq'), ['server_seq'], unique=False)

    with op.batch_alter_table('goal', schema=None) as batch_op:
        batch_op.add_column(sa.Column('server_seq', sa.BigInteger(), nullable=True))
        batch_op.create_index(batch_op.f('ix_goal_server_seq'), ['server_seq'], unique=False)

    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.add_column(sa.Column('server_seq', sa.BigInteger(), nullable=True))
        batch_op.create_index(batch_op.f('ix_meeting_server_seq'), ['server_seq'], unique=False)

    with op.batch_alter_table('meeting_goal_note', schema=None) as batch_op:
        batch_op.add_column(sa.Column('server_seq', sa.BigInteger(), nullable=True))
        batch_op.create_index(batch_op.f('ix_meeting_goal_note_server_seq'), ['server_seq'], unique=False)

    with op.batch_alter_table('placement', schema=None) as batch_op:
        batch_op.add_column(sa.Column('server_seq', sa.BigInteger(), nullable=True))
        batch_op.create_index(batch_op.f('ix_placement_server_seq'), ['server_seq'], unique=False)

    with op.batch_alter_table('plan', schema=None) as batch_op:
        batch_op.add_column(sa.Column('server_seq', sa.BigInteger(), nullable=True))
        batch_op.create_index(batch_op.f('ix_plan_server_seq'), ['server_seq'], unique=False)

    with op.batch_alter_table('plan_action', schema=None) as batch_op:
        batch_op.add_column(sa.Column('server_seq', sa.BigInteger(), nullable=True))
        batch_op.create_index(batch_op.f('ix_plan_action_server_seq'), ['server_seq'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('plan_action', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_action_server_seq'))
        batch_op.drop_column('server_seq')

    with op.batch_alter_table('plan', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_server_seq'))
        batch_op.drop_column('server_seq')

    with op.batch_alter_table('placement', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_placement_server_seq'))
        batch_op.drop_column('server_seq')

    with op.batch_alter_table('meeting_goal_note', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_goal_note_server_seq'))
        batch_op.drop_column('server_seq')

    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_server_seq'))
        batch_op.drop_column('server_seq')

    with op.batch_alter_table('goal', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_goal_server_seq'))
        batch_op.drop_column('server_seq')

    with op.batch_alter_table('follow_up', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_follow_up_server_seq'))
        batch_op.drop_column('server_seq')

    with op.batch_alter_table('erasure', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_erasure_server_seq'))
        batch_op.drop_column('server_seq')

    with op.batch_alter_table('employer_follow_up', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_employer_follow_up_server_seq'))
        batch_op.drop_column('server_seq')

    with op.batch_alter_table('employer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_employer_server_seq'))
        batch_op.drop_column('server_seq')

    with op.batch_alter_table('cti_phase', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cti_phase_server_seq'))
        batch_op.drop_column('server_seq')

    with op.batch_alter_table('cti_course', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cti_course_server_seq'))
        batch_op.drop_column('server_seq')

    with op.batch_alter_table('cti_checkin', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cti_checkin_server_seq'))
        batch_op.drop_column('server_seq')

    with op.batch_alter_table('citizen', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_citizen_server_seq'))
        batch_op.drop_column('server_seq')

    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.drop_column('device_id')
        batch_op.drop_column('recorded_at')

    with op.batch_alter_table('sync_outbox', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sync_outbox_state'))
        batch_op.drop_index(batch_op.f('ix_sync_outbox_entity_id'))
        batch_op.drop_index(batch_op.f('ix_sync_outbox_citizen_id'))

    op.drop_table('sync_outbox')
    op.drop_table('sync_laptop')
    with op.batch_alter_table('sync_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sync_event_device_id'))
        batch_op.drop_index(batch_op.f('ix_sync_event_citizen_id'))

    op.drop_table('sync_event')
    op.drop_table('sync_device')
    with op.batch_alter_table('sync_conflict', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sync_conflict_server_seq'))
        batch_op.drop_index(batch_op.f('ix_sync_conflict_entity_id'))
        batch_op.drop_index(batch_op.f('ix_sync_conflict_citizen_id'))

    op.drop_table('sync_conflict')
    op.drop_table('sync_clock')
