"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-22
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel.sql.sqltypes
import enplan.store.types


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    
    op.create_table('audit_event',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('at', enplan.store.types.UTCDateTime(), nullable=False),
    sa.Column('actor', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('action', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('entity', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('entity_id', sa.Uuid(), nullable=True),
    sa.Column('citizen_id', sa.Uuid(), nullable=True),
    sa.Column('changes', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_event'))
    )
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_event_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_event_citizen_id'), ['citizen_id'], unique=False)

    op.create_table('citizen',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', enplan.store.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', enplan.store.types.UTCDateTime(), nullable=False),
    sa.Column('deleted_at', enplan.store.types.UTCDateTime(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('name_key', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('cpr', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=True),
    sa.Column('target_group', sa.Enum('aktivitetsparat_kontanthjaelp', 'jobparat_kontanthjaelp', 'uddannelseshjaelp', 'ressourceforloeb', 'jobafklaring', 'sygedagpenge', 'ledighedsydelse', 'fleksjob', 'other', name='targetgroup', native_enum=False, length=40), nullable=False),
    sa.Column('phone', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('email', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('address', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('caseworker', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('status', sa.Enum('active', 'closed', name='citizenstatus', native_enum=False, length=40), nullable=False),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('closed_reason', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_citizen'))
    )
    with op.batch_alter_table('citizen', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_citizen_caseworker'), ['caseworker'], unique=False)
        batch_op.create_index(batch_op.f('ix_citizen_name_key'), ['name_key'], unique=False)

    op.create_table('employer',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', enplan.store.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', enplan.store.types.UTCDateTime(), nullable=False),
    sa.Column('deleted_at', enplan.store.types.UTCDateTime(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('name_key', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('cvr', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=True),
    sa.Column('contact_person', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('phone', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('email', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('address', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('industry', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_employer'))
    )
    with op.batch_alter_table('employer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_employer_name_key'), ['name_key'], unique=False)

    op.create_table('cti_course',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', enplan.store.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', enplan.store.types.UTCDateTime(), nullable=False),
    sa.Column('deleted_at', enplan.store.types.UTCDateTime(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('citizen_id', sa.Uuid(), nullable=False),
    sa.Column('start_on', sa.Date(), nullable=False),
    sa.Column('follow_up_on', sa.Date(), nullable=True),
    sa.Column('ended_on', sa.Date(), nullable=True),
    sa.Column('end_reason', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('closing_note', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['citizen_id'], ['citizen.id'], name=op.f('fk_cti_course_citizen_id_citizen'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cti_course'))
    )
    with op.batch_alter_table('cti_course', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cti_course_citizen_id'), ['citizen_id'], unique=False)

    op.create_table('follow_up',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', enplan.store.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', enplan.store.types.UTCDateTime(), nullable=False),
    sa.Column('deleted_at', enplan.store.types.UTCDateTime(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('citizen_id', sa.Uuid(), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('owner', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('done_on', sa.Date(), nullable=True),
    sa.Column('source', sa.Enum('manual', 'meeting', 'checkin', 'employer', 'retention', name='followupsource', native_enum=False, length=40), nullable=False),
    sa.Column('source_id', sa.Uuid(), nullable=True),
    sa.ForeignKeyConstraint(['citizen_id'], ['citizen.id'], name=op.f('fk_follow_up_citizen_id_citizen'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_follow_up'))
    )
    with op.batch_alter_table('follow_up', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_follow_up_citizen_id'), ['citizen_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_follow_up_done_on'), ['done_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_follow_up_due_on'), ['due_on'], unique=False)

    op.create_table('meeting',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', enplan.store.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', enplan.store.types.UTCDateTime(), nullable=False),
    sa.Column('deleted_at', enplan.store.types.UTCDateTime(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('citizen_id', sa.Uuid(), nullable=False),
    sa.Column('type', sa.Enum('jobsamtale', 'opfoelgningssamtale', 'tvaerfagligt_opstartsmoede', 'cti_samtale', 'netvaerksmoede', 'virksomhedsbesoeg', 'other', name='meetingtype', native_enum=False, length=40), nullable=False),
    sa.Column('form', sa.Enum('personal', 'phone', 'video', 'home_visit', 'community', name='contactform', native_enum=False, length=40), nullable=False),
    sa.Column('starts_at', enplan.store.types.UTCDateTime(), nullable=False),
    sa.Column('ends_at', enplan.store.types.UTCDateTime(), nullable=True),
    sa.Column('location', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('participants', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('outcome', sa.Enum('held', 'no_show', 'cancelled', name='meetingoutcome', native_enum=False, length=40), nullable=False),
    sa.Column('notes', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['citizen_id'], ['citizen.id'], name=op.f('fk_meeting_citizen_id_citizen'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting'))
    )
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_citizen_id'), ['citizen_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_starts_at'), ['starts_at'], unique=False)

    op.create_table('placement',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', enplan.store.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', enplan.store.types.UTCDateTime(), nullable=False),
    sa.Column('deleted_at', enplan.store.types.UTCDateTime(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('citizen_id', sa.Uuid(), nullable=False),
    sa.Column('employer_id', sa.Uuid(), nullable=False),
    sa.Column('kind', sa.Enum('virksomhedspraktik', 'loentilskud', 'smaajob', 'fleksjob', 'ordinary_job', 'ips_job', name='placementkind', native_enum=False, length=40), nullable=False),
    sa.Column('purpose', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('hours_per_week', sa.Float(), nullable=False),
    sa.Column('start_on', sa.Date(), nullable=False),
    sa.Column('end_on', sa.Date(), nullable=True),
    sa.Column('status', sa.Enum('planned', 'active', 'ended', name='placementstatus', native_enum=False, length=40), nullable=False),
    sa.Column('extended', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['citizen_id'], ['citizen.id'], name=op.f('fk_placement_citizen_id_citizen'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['employer_id'], ['employer.id'], name=op.f('fk_placement_employer_id_employer'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_placement'))
    )
    with op.batch_alter_table('placement', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_placement_citizen_id'), ['citizen_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_placement_employer_id'), ['employer_id'], unique=False)

    op.create_table('plan',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', enplan.store.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', enplan.store.types.UTCDateTime(), nullable=False),
    sa.Column('deleted_at', enplan.store.types.UTCDateTime(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('citizen_id', sa.Uuid(), nullable=False),
    sa.Column('own_goal', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('consent_given_on', sa.Date(), nullable=True),
    sa.Column('consent_scope', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('consent_withdrawn_on', sa.Date(), nullable=True),
    sa.Column('review_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['citizen_id'], ['citizen.id'], name=op.f('fk_plan_citizen_id_citizen'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan')),
    sa.UniqueConstraint('citizen_id', name=op.f('uq_plan_citizen_id'))
    )
    op.create_table('cti_checkin',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', enplan.store.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', enplan.store.types.UTCDateTime(), nullable=False),
    sa.Column('deleted_at', enplan.store.types.UTCDateTime(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('course_id', sa.Uuid(), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('form', sa.Enum('personal', 'phone', 'video', 'home_visit', 'community', name='contactform', native_enum=False, length=40), nullable=False),
    sa.Column('in_community', sa.Boolean(), nullable=False),
    sa.Column('with_whom', sa.Enum('citizen', 'supports', name='checkinwith', native_enum=False, length=40), nullable=False),
    sa.Column('notes', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('area_notes', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['course_id'], ['cti_course.id'], name=op.f('fk_cti_checkin_course_id_cti_course'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cti_checkin'))
    )
    with op.batch_alter_table('cti_checkin', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cti_checkin_course_id'), ['course_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cti_checkin_held_on'), ['held_on'], unique=False)

    op.create_table('cti_phase',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', enplan.store.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', enplan.store.types.UTCDateTime(), nullable=False),
    sa.Column('deleted_at', enplan.store.types.UTCDateTime(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('course_id', sa.Uuid(), nullable=False),
    sa.Column('phase', sa.Integer(), nullable=False),
    sa.Column('planned_start', sa.Date(), nullable=False),
    sa.Column('planned_end', sa.Date(), nullable=False),
    sa.Column('actual_start', sa.Date(), nullable=True),
    sa.Column('actual_end', sa.Date(), nullable=True),
    sa.Column('focus_areas', sa.JSON(), nullable=False),
    sa.Column('cadence', sa.Enum('weekly', 'biweekly', 'monthly', name='cadence', native_enum=False, length=40), nullable=False),
    sa.ForeignKeyConstraint(['course_id'], ['cti_course.id'], name=op.f('fk_cti_phase_course_id_cti_course'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cti_phase'))
    )
    with op.batch_alter_table('cti_phase', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cti_phase_course_id'), ['course_id'], unique=False)

    op.create_table('employer_follow_up',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', enplan.store.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', enplan.store.types.UTCDateTime(), nullable=False),
    sa.Column('deleted_at', enplan.store.types.UTCDateTime(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('employer_id', sa.Uuid(), nullable=False),
    sa.Column('placement_id', sa.Uuid(), nullable=True),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('contact_person', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('face_to_face', sa.Boolean(), nullable=False),
    sa.Column('outcome', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('notes', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('next_due_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['employer_id'], ['employer.id'], name=op.f('fk_employer_follow_up_employer_id_employer'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['placement_id'], ['placement.id'], name=op.f('fk_employer_follow_up_placement_id_placement'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_employer_follow_up'))
    )
    with op.batch_alter_table('employer_follow_up', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_employer_follow_up_employer_id'), ['employer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_employer_follow_up_held_on'), ['held_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_employer_follow_up_placement_id'), ['placement_id'], unique=False)

    op.create_table('goal',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', enplan.store.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', enplan.store.types.UTCDateTime(), nullable=False),
    sa.Column('deleted_at', enplan.store.types.UTCDateTime(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('plan_id', sa.Uuid(), nullable=False),
    sa.Column('life_area', sa.Enum('bolig', 'psykisk_helbred', 'fysisk_helbred', 'oekonomi', 'daglige_aktiviteter', 'netvaerk', 'misbrug', 'uddannelse_beskaeftigelse', name='lifearea', native_enum=False, length=40), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('status', sa.Enum('active', 'achieved', 'dropped', name='goalstatus', native_enum=False, length=40), nullable=False),
    sa.Column('last_progress', sa.Enum('progress', 'no_change', 'setback', 'achieved', 'dropped', name='goalprogress', native_enum=False, length=40), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['plan.id'], name=op.f('fk_goal_plan_id_plan'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_goal'))
    )
    with op.batch_alter_table('goal', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_goal_plan_id'), ['plan_id'], unique=False)

    op.create_table('meeting_goal_note',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', enplan.store.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', enplan.store.types.UTCDateTime(), nullable=False),
    sa.Column('deleted_at', enplan.store.types.UTCDateTime(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('meeting_id', sa.Uuid(), nullable=False),
    sa.Column('goal_id', sa.Uuid(), nullable=False),
    sa.Column('progress', sa.Enum('progress', 'no_change', 'setback', 'achieved', 'dropped', name='goalprogress', native_enum=False, length=40), nullable=True),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['goal_id'], ['goal.id'], name=op.f('fk_meeting_goal_note_goal_id_goal'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_meeting_goal_note_meeting_id_meeting'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_goal_note'))
    )
    with op.batch_alter_table('meeting_goal_note', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_goal_note_goal_id'), ['goal_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_goal_note_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('plan_action',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', enplan.store.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', enplan.store.types.UTCDateTime(), nullable=False),
    sa.Column('deleted_at', enplan.store.types.UTCDateTime(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('goal_id', sa.Uuid(), nullable=False),
    sa.Column('description', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('provider', sa.Enum('jobcenter', 'socialforvaltning', 'sundhed', 'misbrugsbehandling', 'bostoette', 'citizen', 'other', name='provider', native_enum=False, length=40), nullable=False),
    sa.Column('status', sa.Enum('planned', 'in_progress', 'done', 'cancelled', name='actionstatus', native_enum=False, length=40), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['goal_id'], ['goal.id'], name=op.f('fk_plan_action_goal_id_goal'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_action'))
    )
    with op.batch_alter_table('plan_action', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_action_goal_id'), ['goal_id'], unique=False)




def downgrade() -> None:
    
    with op.batch_alter_table('plan_action', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_action_goal_id'))

    op.drop_table('plan_action')
    with op.batch_alter_table('meeting_goal_note', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_goal_note_meeting_id'))
        batch_op.drop_index(batch_op.f('ix_meeting_goal_note_goal_id'))

    op.drop_table('meeting_goal_note')
    with op.batch_alter_table('goal', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_goal_plan_id'))

    op.drop_table('goal')
    with op.batch_alter_table('employer_follow_up', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_employer_follow_up_placement_id'))
        batch_op.drop_index(batch_op.f('ix_employer_follow_up_held_on'))
        batch_op.drop_index(batch_op.f('ix_employer_follow_up_employer_id'))

    op.drop_table('employer_follow_up')
    with op.batch_alter_table('cti_phase', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cti_phase_course_id'))

    op.drop_table('cti_phase')
    with op.batch_alter_table('cti_checkin', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cti_checkin_held_on'))
        batch_op.drop_index(batch_op.f('ix_cti_checkin_course_id'))

    op.drop_table('cti_checkin')
    op.drop_table('plan')
    with op.batch_alter_table('placement', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_placement_employer_id'))
        batch_op.drop_index(batch_op.f('ix_placement_citizen_id'))

    op.drop_table('placement')
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_starts_at'))
        batch_op.drop_index(batch_op.f('ix_meeting_citizen_id'))

    op.drop_table('meeting')
    with op.batch_alter_table('follow_up', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_follow_up_due_on'))
        batch_op.drop_index(batch_op.f('ix_follow_up_done_on'))
        batch_op.drop_index(batch_op.f('ix_follow_up_citizen_id'))

    op.drop_table('follow_up')
    with op.batch_alter_table('cti_course', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cti_course_citizen_id'))

    op.drop_table('cti_course')
    with op.batch_alter_table('employer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_employer_name_key'))

    op.drop_table('employer')
    with op.batch_alter_table('citizen', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_citizen_name_key'))
        batch_op.drop_index(batch_op.f('ix_citizen_caseworker'))

    op.drop_table('citizen')
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_event_citizen_id'))
        batch_op.drop_index(batch_op.f('ix_audit_event_at'))

    op.drop_table('audit_event')

