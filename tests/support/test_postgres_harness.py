"""The throw-away PostgreSQL server behaves like a real, private database server."""
from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path

import asyncpg
import pytest
from tortoise import Tortoise, connections, fields
from tortoise.models import Model

from tests.support.postgres import (
    HOST,
    PostgresHarnessError,
    PostgresServer,
    find_postgres_bindir,
    port_answers,
    running_postgres,
)



@pytest.fixture(scope="module")
def server() -> Iterator[PostgresServer]:
    with running_postgres() as running:
        yield running


def _children_of(pid: int) -> set[int]:
    """PIDs whose parent is ``pid`` (read from /proc)."""
    children = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            children.add(int(stat.parent.name))
    return children


def _is_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


async def test_stores_and_returns_rows_through_its_url(server: PostgresServer) -> None:
    connection = await asyncpg.connect(server.url)
    try:
        await connection.execute("CREATE TABLE wins (id serial PRIMARY KEY, text text NOT NULL)")
        await connection.execute("INSERT INTO wins (text) VALUES ($1), ($2)", "walked", "чай с мятой")
        rows = await connection.fetch("SELECT text FROM wins ORDER BY id")
    finally:
        await connection.close()
    assert [row["text"] for row in rows] == ["walked", "чай с мятой"]


class HarnessNote(Model):
    """A minimal model to prove the URL works through the ORM."""

    id = fields.IntField(primary_key=True)
    text = fields.TextField()


async def test_url_works_with_tortoise(server: PostgresServer) -> None:
    url = server.create_database("harness_orm")
    await Tortoise.init(db_url=url, modules={"models": [__name__]})
    try:
        await Tortoise.generate_schemas()
        await HarnessNote.create(text="slept well")
        texts = [note.text for note in await HarnessNote.all()]
        who = await connections.get("default").execute_query_dict("SELECT current_user AS who")
    finally:
        await Tortoise.close_connections()
    assert texts == ["slept well"]
    assert who == [{"who": "samovar"}]


async def test_created_databases_are_separate(server: PostgresServer) -> None:
    first_url = server.create_database("harness_first")
    second_url = server.create_database("harness_second")

    first = await asyncpg.connect(first_url)
    second = await asyncpg.connect(second_url)
    try:
        await first.execute("CREATE TABLE only_here (id int)")
        seen_in_first = await first.fetchval("SELECT to_regclass('only_here') IS NOT NULL")
        seen_in_second = await second.fetchval("SELECT to_regclass('only_here') IS NOT NULL")
    finally:
        await first.close()
        await second.close()
    assert (seen_in_first, seen_in_second) == (True, False)


def test_create_database_rejects_names_that_are_not_plain(server: PostgresServer) -> None:
    with pytest.raises(ValueError):
        server.create_database("x; DROP DATABASE samovar_test")


def test_stop_ends_every_server_process_and_cleans_up() -> None:
    server = PostgresServer()
    server.start()
    assert server.pid is not None and server.port is not None and server.workdir is not None
    pid, port, workdir = server.pid, server.port, server.workdir
    helpers = _children_of(pid)
    assert port_answers(port) and helpers

    server.stop()

    assert [p for p in {pid, *helpers} if _is_alive(p)] == []
    assert not port_answers(port)
    assert not workdir.exists()


def test_refuses_a_port_that_already_answers() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as squatter:
        squatter.bind((HOST, 0))
        squatter.listen()
        taken = squatter.getsockname()[1]
        server = PostgresServer(port=taken)
        with pytest.raises(PostgresHarnessError, match=str(taken)):
            server.start()
    assert server.workdir is None and server.pid is None
