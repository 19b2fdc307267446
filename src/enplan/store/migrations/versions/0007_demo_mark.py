"""demo mark

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30

A demo database says so (issue 14): one ``demo_mark`` row, none in a real
database. A demo database built before this revision is known by the audit
entry its import wrote ("demo sample data") and gets its mark here.
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel.sql.sqltypes
import enplan.store.types


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('demo_mark',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('marked_at', enplan.store.types.UTCDateTime(), nullable=False),
    sa.Column('source', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_demo_mark'))
    )
    audit = sa.table('audit_event', sa.column('action', sa.String), sa.column('entity', sa.String),
                     sa.column('changes', sa.JSON), sa.column('at', enplan.store.types.UTCDateTime()))
    conn = op.get_bind()
    built = conn.execute(sa.select(audit.c.at, audit.c.changes)
                         .where(audit.c.action == 'import', audit.c.entity == 'database')).all()
    marked = [at for at, changes in built if isinstance(changes, dict) and changes.get('source') == 'demo sample data']
    if marked:
        mark = sa.table('demo_mark', sa.column('id', sa.Integer),
                        sa.column('marked_at', enplan.store.types.UTCDateTime()), sa.column('source', sa.String))
        op.bulk_insert(mark,
                       [{'id': 1, 'marked_at': min(marked), 'source': 'demo sample data'}])


def downgrade() -> None:
    op.drop_table('demo_mark')
