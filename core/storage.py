"""Opening the database (tortoise-orm) and bringing every component's schema up to date."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from tortoise import Tortoise
from tortoise.backends.base.executor import EXECUTOR_CACHE
from tortoise.exceptions import BaseORMException

from . import migrations as mig
from .migrations import Migration

log = logging.getLogger("samovar.storage")
CORE_MODELS = "samovar.core.models"
CORE_MIGRATIONS: list[Migration] = [
    Migration(1, "members and their platform identities"),
    Migration(2, "the language a member last wrote to the bot in, kept across restarts",
              sql={"any": ["ALTER TABLE members ADD COLUMN written_language VARCHAR(8) NULL"]}),
]


class StorageError(Exception):
    """The database could not be opened or upgraded; the message names the URL without its password."""


def redact_url(url: str) -> str:
    """``url`` with any password replaced by ``***``."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)
    user = parts.username or ""
    return urlunsplit(parts._replace(netloc=f"{user}:***@{netloc[-1]}"))


@dataclass(frozen=True)
class SchemaOwner:
    """A component with tables: its name, model modules and migrations."""

    component: str
    models: tuple[str, ...]
    migrations: tuple[Migration, ...] = ()


class Storage:
    """The database connection shared by the core and every plugin."""

    def __init__(self, url: str, owners: list[SchemaOwner]) -> None:
        self.url = url
        self.owners = [SchemaOwner("core", (CORE_MODELS,), tuple(CORE_MIGRATIONS)), *owners]
        self.dialect = ""

    async def open(self) -> None:
        """Connect, create missing tables and run pending migrations."""
        modules = [m for owner in self.owners for m in owner.models]
        try:
            await Tortoise.init(db_url=self.url, modules={"samovar": modules}, _enable_global_fallback=True)
            conn = Tortoise.get_connection("default")
            self.dialect = conn.capabilities.dialect
            await self._upgrade(conn)
        except (BaseORMException, OSError, ValueError, ImportError) as exc:
            await self.close()
            raise StorageError(f"cannot open the database {redact_url(self.url)}: {_reason(exc)}") from None
        except Exception as exc:  # driver errors (asyncpg, sqlite3) have no common base
            await self.close()
            raise StorageError(f"cannot open the database {redact_url(self.url)}: {_reason(exc)}") from None

    async def _upgrade(self, conn: Any) -> None:
        await mig.ensure_schema_table(conn)
        known = await mig.versions(conn)
        for owner in self.owners:
            if owner.component in known:
                reached = await mig.upgrade(conn, self.dialect, owner.component, list(owner.migrations),
                                            known[owner.component])
                if reached != known[owner.component]:
                    log.info("schema upgraded", extra={"component": owner.component, "version": reached})
        await Tortoise.generate_schemas(safe=True)
        for owner in self.owners:
            if owner.component not in known:
                await mig.record(conn, owner.component, mig.latest_version(list(owner.migrations)))

    async def close(self) -> None:
        """Close every connection."""
        try:
            await Tortoise._reset_apps()
            await Tortoise.close_connections()
            # tortoise caches SQL per connection name, not per dialect: the next open
            # in this process may be another database (tests run SQLite then PostgreSQL)
            EXECUTOR_CACHE.clear()
        except Exception:  # closing after a failed init must not mask the real error
            log.debug("close after failure", exc_info=True)

    async def table_names(self) -> list[str]:
        """Every table in the database (used by privacy tests and tools)."""
        conn = Tortoise.get_connection("default")
        if self.dialect == "sqlite":
            rows = await conn.execute_query_dict("SELECT name FROM sqlite_master WHERE type='table'")
        else:
            rows = await conn.execute_query_dict(
                "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()")
        return sorted(row["name"] for row in rows)


def _reason(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text.splitlines()[0]
