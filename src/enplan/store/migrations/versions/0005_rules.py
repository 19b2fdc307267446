"""rules

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30

Rules that fill the worklist: a citizen's benefit start (the start of a contact
series) and the 26-week flag; decisions on rule items (dismissed, exempt); an
employer follow-up can name its citizen; a system-written follow-up says what
it is, so it can be worded in the reader's language.
"""
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

    with op.batch_alter_table('follow_up', schema=None) as batch_op:
        batch_op.add_column(sa.Column('what', sqlmodel.sql.sqltypes.AutoString(length=40), server_default='', nullable=False))
        batch_op.add_column(sa.Column('what_values', sa.JSON(), server_default=sa.text("'{}'"), nullable=False))



def downgrade() -> None:
    with op.batch_alter_table('follow_up', schema=None) as batch_op:
        batch_op.drop_column('what_values')
        batch_op.drop_column('what')

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
