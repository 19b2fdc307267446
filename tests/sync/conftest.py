"""A team on a real PostgreSQL server and laptops set up from it.

    team      the server: .url, .services(actor) (a desk caseworker's
              Services), .citizen(name, caseworker) to seed one
    laptop    laptop("mette") sets up a laptop for a caseworker in its own
              file and returns its Services (actor = the caseworker)
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from enplan.domain.enums import TargetGroup
from enplan.services import CitizenInput, Services
from enplan.services.sync.setup import setup_laptop
from enplan.store.opening import open_database
from tests.conftest import TODAY

pytestmark = pytest.mark.postgres


@dataclass
class Team:
    url: str
    opened: list = field(default_factory=list)

    def services(self, actor: str = "desk") -> Services:
        db = open_database(self.url, daily_backup=False)
        self.opened.append(db)
        return Services(db, today=TODAY, actor=actor)

    def owner_services(self, actor: str = "owner") -> Services:
        """Services as the schema owner: erasure on a server is the owner's (issue 15)."""
        from tests.pg import owner

        db = open_database(owner(self.url), daily_backup=False, purpose="owner")
        self.opened.append(db)
        return Services(db, today=TODAY, actor=actor)

    def citizen(self, name: str, caseworker: str = "mette", **kwargs) -> str:  # noqa: ANN003
        services = self.services(caseworker)
        return str(services.create_citizen(CitizenInput(name=name, target_group=TargetGroup.JOBPARAT,
                                                        caseworker=caseworker, **kwargs)))


@pytest.fixture
def team(request, pg_server):
    from tests.pg import daily, fresh_database_url

    url = fresh_database_url(request)
    pg_server.migrate_from_template(url)
    made = Team(daily(url))  # desks and laptops use a caseworker's login, never the owner (issue 15)
    yield made
    for db in made.opened:
        db.dispose()


@pytest.fixture
def laptop(team, tmp_path):
    opened = []

    def make(caseworker: str = "mette", name: str | None = None) -> Services:
        path = tmp_path / f"{name or caseworker}-laptop.db"
        setup_laptop(team.url, f"sqlite:///{path}", caseworker, caseworker)
        db = open_database(f"sqlite:///{path}", daily_backup=False)
        opened.append(db)
        return Services(db, today=TODAY, actor=caseworker)

    yield make
    for db in opened:
        db.dispose()
