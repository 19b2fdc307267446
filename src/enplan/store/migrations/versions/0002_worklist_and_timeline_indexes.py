"""worklist and timeline indexes

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel.sql.sqltypes
import enplan.store.types


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('cti_checkin', schema=None) as batch_op:
        batch_op.create_index('ix_cti_checkin_course_held', ['course_id', 'held_on'], unique=False)

    with op.batch_alter_table('follow_up', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_follow_up_done_on'))
        batch_op.create_index('ix_follow_up_citizen_open', ['citizen_id', 'done_on', 'due_on'], unique=False)

    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.create_index('ix_meeting_citizen_starts', ['citizen_id', 'starts_at'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.drop_index('ix_meeting_citizen_starts')

    with op.batch_alter_table('follow_up', schema=None) as batch_op:
        batch_op.drop_index('ix_follow_up_citizen_open')
        batch_op.create_index(batch_op.f('ix_follow_up_done_on'), ['done_on'], unique=False)

    with op.batch_alter_table('cti_checkin', schema=None) as batch_op:
        batch_op.drop_index('ix_cti_checkin_course_held')

