"""Storage on SQLite and on a real PostgreSQL: members, identities, upgrades that keep data."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tortoise import Tortoise

from samovar.core.events import MemberRef
from samovar.core.members import MemberDirectory
from samovar.core.clock import VirtualClock
from samovar.core.storage import Storage, StorageError, SchemaOwner
from tests.core import schema_v1, schema_v2

DATA = Path(__file__).parent / "data"


async def test_members_link_identities_across_platforms(database_url):
    storage = Storage(database_url, [])
    await storage.open()
    try:
        members = MemberDirectory(VirtualClock())
        on_discord = await members.resolve(MemberRef("discord", "111", "Anna"))
        again = await MemberDirectory(VirtualClock()).resolve(MemberRef("discord", "111", "Anna"))
        on_matrix = await members.resolve(MemberRef("matrix", "@anna:example.org", "Anna"))
        assert again == on_discord and on_matrix != on_discord
        await members.link(on_discord, MemberRef("matrix", "@anna:example.org", "Anna"))
        platforms = [ref.platform for ref in await members.identities(on_discord)]
        assert platforms == ["discord", "matrix"]
        assert await members.resolve(MemberRef("matrix", "@anna:example.org")) == on_discord
    finally:
        await storage.close()


async def test_an_older_schema_is_upgraded_and_keeps_its_data(database_url):
    old = Storage(database_url, [SchemaOwner("journal", ("tests.core.schema_v1",), tuple(schema_v1.MIGRATIONS))])
    await old.open()
    await schema_v1.Entry.create(text="first small win")
    await old.close()

    new = Storage(database_url, [SchemaOwner("journal", ("tests.core.schema_v2",), tuple(schema_v2.MIGRATIONS))])
    await new.open()
    try:
        entries = await schema_v2.Entry.all()
        assert [(e.text, e.mood) for e in entries] == [("first small win", None)]
        await schema_v2.Entry.create(text="second", mood=4)
        assert await schema_v2.Entry.filter(mood=4).count() == 1
        conn = Tortoise.get_connection("default")
        rows = await conn.execute_query_dict("SELECT version FROM samovar_schema WHERE component = 'journal'")
        assert rows[0]["version"] == 2
    finally:
        await new.close()


async def test_a_database_written_by_samovar_0_1_opens(tmp_path):
    copy = tmp_path / "old.db"
    shutil.copy(DATA / "samovar-0.1.0.db", copy)
    storage = Storage(f"sqlite://{copy}", [])
    await storage.open()
    try:
        members = MemberDirectory(VirtualClock())
        assert await members.identities(1) == [MemberRef("console", "alice", "alice")]
        alice = MemberRef("console", "alice", "alice")
        assert members.note_written(alice, "привет, я снова тут")
        await members.store_written(alice)
        later = MemberDirectory(VirtualClock())  # as after a restart
        assert later.written_language(alice) is None
        await later.resolve(alice)
        assert later.written_language(alice) == "ru"
        conn = Tortoise.get_connection("default")
        rows = await conn.execute_query_dict("SELECT version FROM samovar_schema WHERE component = 'core'")
        assert rows[0]["version"] == 2
    finally:
        await storage.close()


async def test_a_database_that_cannot_be_opened_is_named_without_its_password(postgres_server):
    url = f"postgres://samovar:hunter2secret@127.0.0.1:{_closed_port()}/nowhere"
    with pytest.raises(StorageError) as failure:
        await Storage(url, []).open()
    message = str(failure.value)
    assert "hunter2secret" not in message and "samovar:***@127.0.0.1" in message


def _closed_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
