"""rules

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30

Rules that fill the worklist: a citizen's benefit start (the start of a contact
series) and the 26-week flag; decisions on rule items (dismissed, exempt); an
employer follow-up can name its citizen; a system-written follow-up says what
it is, so it can be worded in the reader's language (the ones written before
are found by their exact English titles and filled in).
"""
import re

from alembic import op
import sqlalchemy as sa
import sqlmodel.sql.sqltypes
import enplan.store.types


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('rule_decision',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', enplan.store.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', enplan.store.types.UTCDateTime(), nullable=False),
    sa.Column('deleted_at', enplan.store.types.UTCDateTime(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('server_seq', sa.BigInteger(), nullable=True),
    sa.Column('citizen_id', sa.Uuid(), nullable=False),
    sa.Column('rule', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('decision', sa.Enum('dismissed', 'exempt', name='ruledecisionkind', native_enum=False, length=40), nullable=False),
    sa.Column('subject_id', sa.Uuid(), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('decided_on', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['citizen_id'], ['citizen.id'], name=op.f('fk_rule_decision_citizen_id_citizen'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rule_decision'))
    )
    with op.batch_alter_table('rule_decision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rule_decision_citizen_id'), ['citizen_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_rule_decision_server_seq'), ['server_seq'], unique=False)

    with op.batch_alter_table('citizen', schema=None) as batch_op:
        batch_op.add_column(sa.Column('benefit_start_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('back_within_26_weeks', sa.Boolean(), server_default=sa.false(), nullable=False))

    with op.batch_alter_table('employer_follow_up', schema=None) as batch_op:
        batch_op.add_column(sa.Column('citizen_id', sa.Uuid(), nullable=True))
        batch_op.create_index(batch_op.f('ix_employer_follow_up_citizen_id'), ['citizen_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_employer_follow_up_citizen_id_citizen'), 'citizen', ['citizen_id'], ['id'], ondelete='CASCADE')

    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.create_index('ix_meeting_citizen_held', ['citizen_id', 'outcome', 'deleted_at', 'starts_at'],
                              unique=False)

    with op.batch_alter_table('follow_up', schema=None) as batch_op:
        batch_op.add_column(sa.Column('what', sqlmodel.sql.sqltypes.AutoString(length=40), server_default='', nullable=False))
        batch_op.add_column(sa.Column('what_values', sa.JSON(), server_default=sa.text("'{}'"), nullable=False))

    _backfill_what()
    # Employer follow-ups on a placement name its citizen from now on (the citizen's file
    # finds them by that index); older rows get it from their placement.
    op.execute("UPDATE employer_follow_up SET citizen_id = (SELECT placement.citizen_id FROM placement "
               "WHERE placement.id = employer_follow_up.placement_id) "
               "WHERE citizen_id IS NULL AND placement_id IS NOT NULL")


# The follow-ups enplan wrote before 0005, by their source and exact English title
# (as services/work.py, cti.py and recording.py wrote them then): they get their
# ``what`` and ``what_values`` (domain/work_texts.py). Anything else is left alone.
# Frozen here, as a migration must be: later wording changes do not apply.
_RETENTION = re.compile(r"Retention check (1 week|1 month|3 months|6 months|12 months): (.+)", re.S)
_RETENTION_STEPS = {"1 week": "1w", "1 month": "1m", "3 months": "3m", "6 months": "6m", "12 months": "12m"}
_EMPLOYER = re.compile(r"Employer follow-up: (.+)", re.S)
_NINE_MONTH = "CTI nine-month follow-up: decide on further support"
_NO_SHOW = "New contact after no-show"


def _what(source: str, title: str) -> tuple[str, dict] | None:
    if source == "retention" and (m := _RETENTION.fullmatch(title)):
        return "retention_check", {"step": _RETENTION_STEPS[m[1]], "employer": m[2]}
    if source == "employer" and (m := _EMPLOYER.fullmatch(title)):
        return "employer_follow_up", {"employer": m[1]}
    if source == "checkin" and title == _NINE_MONTH:
        return "cti_nine_month", {}
    if source == "meeting" and title == _NO_SHOW:
        return "no_show_contact", {}
    return None


def _backfill_what() -> None:
    """One statement finds the candidates, Python checks each title exactly
    (the same on SQLite and PostgreSQL, whatever LIKE's case rules)."""
    fu = sa.table('follow_up', sa.column('id', sa.Uuid()), sa.column('source', sa.String()),
                  sa.column('title', sa.String()), sa.column('what', sa.String()), sa.column('what_values', sa.JSON()))
    bind = op.get_bind()
    candidates = bind.execute(sa.select(fu.c.id, fu.c.source, fu.c.title).where(fu.c.what == '', sa.or_(
        sa.and_(fu.c.source == 'retention', fu.c.title.like('Retention check %')),
        sa.and_(fu.c.source == 'employer', fu.c.title.like('Employer follow-up: %')),
        sa.and_(fu.c.source == 'checkin', fu.c.title == _NINE_MONTH),
        sa.and_(fu.c.source == 'meeting', fu.c.title == _NO_SHOW)))).all()
    for row_id, source, title in candidates:
        found = _what(source, title)
        if found is not None:
            bind.execute(fu.update().where(fu.c.id == row_id).values(what=found[0], what_values=found[1]))


def downgrade() -> None:
    with op.batch_alter_table('follow_up', schema=None) as batch_op:
        batch_op.drop_column('what_values')
        batch_op.drop_column('what')

    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.drop_index('ix_meeting_citizen_held')

    with op.batch_alter_table('employer_follow_up', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_employer_follow_up_citizen_id_citizen'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_employer_follow_up_citizen_id'))
        batch_op.drop_column('citizen_id')

    with op.batch_alter_table('citizen', schema=None) as batch_op:
        batch_op.drop_column('back_within_26_weeks')
        batch_op.drop_column('benefit_start_on')

    with op.batch_alter_table('rule_decision', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_rule_decision_server_seq'))
        batch_op.drop_index(batch_op.f('ix_rule_decision_citizen_id'))

    op.drop_table('rule_decision')
