"""Fixtures shared by the whole suite: a private PostgreSQL server for storage tests."""
from __future__ import annotations

import itertools
from typing import Iterator

import pytest

from tests.support.postgres import PostgresServer, running_postgres

_databases = itertools.count(1)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """One throw-away PostgreSQL server for the session, stopped by its PID afterwards."""
    with running_postgres() as server:
        yield server


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path) -> str:
    """A fresh empty database: an SQLite file, then a database on the private PostgreSQL server."""
    if request.param == "sqlite":
        return f"sqlite://{tmp_path / 'samovar.db'}"
    server: PostgresServer = request.getfixturevalue("postgres_server")
    return server.create_database(f"samovar_{next(_databases)}")
