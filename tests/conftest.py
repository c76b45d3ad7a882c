"""Fixtures shared by the whole suite: a private PostgreSQL server for storage tests, a private cache."""
from __future__ import annotations

import itertools
import os
import shutil
import tempfile
from typing import Iterator

import pytest

from tests.support.postgres import PostgresServer, running_postgres

_databases = itertools.count(1)


def pytest_configure(config: pytest.Config) -> None:
    """Compiled rules go to a folder of this run's own (also for the CLI processes the tests start)."""
    os.environ["SAMOVAR_CACHE_DIR"] = tempfile.mkdtemp(prefix="samovar-test-cache-")


def pytest_unconfigure(config: pytest.Config) -> None:
    """Remove this run's cache folder."""
    shutil.rmtree(os.environ.pop("SAMOVAR_CACHE_DIR", ""), ignore_errors=True)


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
