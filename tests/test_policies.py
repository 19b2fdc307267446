"""Every table that holds citizen data has a row-level security policy
(store/policies.py, issue 15): a new table with a citizen_id, or below one
that has, fails here until it gets one or a stated reason not to."""

from __future__ import annotations

from sqlmodel import SQLModel

from enplan.store import demo_mark, policies, sync_tables, tables, team_tables  # noqa: F401 - every table

NO_POLICY = {
    "erasure": "holds no personal data (when, by whom, on what grounds), and stops an old import",
    "sync_outbox": "a laptop's own table (SQLite: a file has no roles)",
    "sync_laptop": "a laptop's own table",
}


def test_every_table_with_citizen_data_has_a_policy():
    rules = policies.policies()
    for name, table in SQLModel.metadata.tables.items():
        below = {fk.column.table.name for fk in table.foreign_keys} & set(rules)
        if name == "citizen" or "citizen_id" in table.c or below:
            assert name in rules or name in NO_POLICY, f"{name} holds citizen data but has no policy"
    assert set(rules) == set(policies.PROTECTED)


def test_the_audit_log_and_citizens_have_no_delete_policy():
    for table in ("citizen", "audit_event"):
        commands = " ".join(body.split(" USING")[0] for _name, body in policies.policies()[table])
        assert "FOR ALL" not in commands and "FOR DELETE" not in commands
    assert "FOR UPDATE" not in " ".join(body for _n, body in policies.policies()["audit_event"])
