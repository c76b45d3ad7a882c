"""Schema upgrades that keep data.

Each component (the core, each plugin) has an ordered list of
:class:`Migration` and a row in ``samovar_schema`` with the version it reached.
On start: a component seen for the first time gets its tables created at the
newest version; a known component runs only the migrations it has not run yet.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Awaitable, Callable

SCHEMA_TABLE = "samovar_schema"


@dataclass(frozen=True)
class Migration:
    """One upgrade step: SQL per dialect (``sqlite``/``postgres``/``any``) or a callable."""

    version: int
    description: str
    sql: dict[str, list[str]] = field(default_factory=dict)
    run: Callable[[Any], Awaitable[None]] | None = None

    def statements(self, dialect: str) -> list[str]:
        """The SQL to run on ``dialect``."""
        return self.sql.get(dialect, self.sql.get("any", []))


def latest_version(migrations: list[Migration]) -> int:
    """The version a fresh database of this component starts at."""
    return max((m.version for m in migrations), default=1)


async def ensure_schema_table(conn: Any) -> None:
    """Create the version table if needed."""
    await conn.execute_script(
        f"CREATE TABLE IF NOT EXISTS {SCHEMA_TABLE} (component VARCHAR(100) PRIMARY KEY, version INT NOT NULL)"
    )


async def versions(conn: Any) -> dict[str, int]:
    """Every component's recorded version."""
    rows = await conn.execute_query_dict(f"SELECT component, version FROM {SCHEMA_TABLE}")
    return {row["component"]: int(row["version"]) for row in rows}


async def upgrade(conn: Any, dialect: str, component: str, migrations: list[Migration], current: int) -> int:
    """Run the pending migrations of one component in order; returns the new version."""
    for migration in sorted(migrations, key=lambda m: m.version):
        if migration.version <= current:
            continue
        for statement in migration.statements(dialect):
            await conn.execute_script(statement)
        if migration.run is not None:
            await migration.run(conn)
        current = migration.version
        await record(conn, component, current)
    return current


async def record(conn: Any, component: str, version: int) -> None:
    """Store the version a component has reached."""
    await conn.execute_query(f"DELETE FROM {SCHEMA_TABLE} WHERE component = {_param(conn)}", [component])
    await conn.execute_query(
        f"INSERT INTO {SCHEMA_TABLE} (component, version) VALUES ({_param(conn, 1)}, {_param(conn, 2)})",
        [component, version],
    )


def _param(conn: Any, index: int = 1) -> str:
    return f"${index}" if conn.capabilities.dialect == "postgres" else "?"
