"""commit stamp on the server

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30

On a team server (PostgreSQL) the commit clock is moved and the written rows
are stamped with its number by the server itself, at the commit: a deferred
constraint trigger on every table laptops pull from (store/change_log.py).
Before, the app did it with a statement of its own just before COMMIT, so
the clock row stayed locked while the reply went back to the app and its
COMMIT came in; under load that wait was paid by every other save
(bench/load.py). The numbers keep their meaning: one per commit, in the
order commits become visible. SQLite files have no clock: nothing here.
"""
from alembic import op


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

# The tables a laptop pulls changed rows from by their stamp (as of this revision).
STAMPED = ('citizen', 'plan', 'goal', 'plan_action', 'meeting', 'meeting_goal_note', 'cti_course', 'cti_phase',
           'cti_checkin', 'employer', 'placement', 'employer_follow_up', 'follow_up', 'rule_decision', 'measure',
           'sync_conflict', 'erasure')

# SECURITY DEFINER: the owner stamps the rows this very transaction wrote (row-level security does
# not bind the owner, so the stamp costs no policy check). The first row of a commit moves the
# clock; its row stays locked to the end of the commit, which orders the numbers as the commits
# become visible. The stamp's own UPDATE queues one more event that finds nothing left to do.
FUNCTION = """
CREATE OR REPLACE FUNCTION enplan_stamp_commit() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
  stamp bigint := nullif(current_setting('enplan.commit_seq', true), '')::bigint;
BEGIN
  IF stamp IS NULL THEN
    UPDATE sync_clock SET seq = sync_clock.seq + 1 WHERE sync_clock.id = 1 RETURNING sync_clock.seq INTO stamp;
    PERFORM set_config('enplan.commit_seq', stamp::text, true);
  END IF;
  EXECUTE format('UPDATE %I SET server_seq = $1 WHERE id = $2 AND server_seq IS DISTINCT FROM $1', TG_TABLE_NAME)
    USING stamp, NEW.id;
  RETURN NULL;
END $$
"""


def upgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    op.execute(FUNCTION)
    for table in STAMPED:
        op.execute(f'CREATE CONSTRAINT TRIGGER enplan_stamp_commit AFTER INSERT OR UPDATE ON {table} '
                   'DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION enplan_stamp_commit()')


def downgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    for table in STAMPED:
        op.execute(f'DROP TRIGGER IF EXISTS enplan_stamp_commit ON {table}')
    op.execute('DROP FUNCTION IF EXISTS enplan_stamp_commit()')
