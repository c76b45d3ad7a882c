"""What the adapter remembers between runs, in ``<store_path>/state.db`` (SQLite).

The login session (so a restart reuses the same device), the sync token saved
after a batch is handled, the ids of handled events (exactly-once across
restarts), joined rooms with their direct-chat partner, and the bot's reactions
index used to turn a redacted ``m.reaction`` into "reaction removed".
"""
from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS handled (event_id TEXT PRIMARY KEY, seq INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS rooms (room_id TEXT PRIMARY KEY, direct_with TEXT, seen INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS declined_dm (user_id TEXT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS reactions (
    event_id TEXT PRIMARY KEY, room_id TEXT NOT NULL, target TEXT NOT NULL,
    key TEXT NOT NULL, sender TEXT NOT NULL, seq INTEGER NOT NULL);
"""
HANDLED_KEPT = 20_000
REACTIONS_KEPT = 20_000
_PRUNE_EVERY = 1_000


@dataclass(frozen=True, slots=True)
class Session:
    """A login that can be restored: the same device on every start."""

    user_id: str
    device_id: str
    access_token: str


@dataclass(frozen=True, slots=True)
class RoomRecord:
    """A room the bot is in: its direct-chat partner (None for a group room), and whether
    a sync has shown it joined yet."""

    direct_with: str | None
    seen: bool


@dataclass(frozen=True, slots=True)
class Reaction:
    """A reaction seen earlier, kept so its redaction can be reported as a removal."""

    room_id: str
    target: str
    key: str
    sender: str


class AdapterState:
    """The adapter's small persistent memory; every write is committed at once."""

    def __init__(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        os.chmod(directory, 0o700)
        self.path = directory / "state.db"
        self._db = sqlite3.connect(self.path, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(SCHEMA)
        row = self._db.execute("SELECT COALESCE(MAX(seq), 0) FROM handled").fetchone()
        self._seq = int(row[0])
        self._recent: set[str] = {r[0] for r in self._db.execute("SELECT event_id FROM handled")}

    def close(self) -> None:
        """Close the database."""
        self._db.close()

    # ----- session and sync token -----------------------------------------------------------

    def _get(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM kv WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def _set(self, key: str, value: str) -> None:
        self._db.execute("INSERT OR REPLACE INTO kv (key, value) VALUES (?, ?)", (key, value))

    def session(self) -> Session | None:
        """The saved login, if any."""
        user, device, token = self._get("user_id"), self._get("device_id"), self._get("access_token")
        return Session(user, device, token) if user and device and token else None

    def save_session(self, session: Session) -> None:
        """Remember the login (the store directory is private to the bot's user)."""
        self._db.execute("BEGIN")
        try:
            self._db.executemany("INSERT OR REPLACE INTO kv (key, value) VALUES (?, ?)", [
                ("user_id", session.user_id), ("device_id", session.device_id),
                ("access_token", session.access_token)])
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def sync_token(self) -> str | None:
        """The token of the last sync whose events were all handled."""
        return self._get("sync_token")

    def save_sync_token(self, token: str) -> None:
        """Store the token once every event before it has been handled."""
        self._set("sync_token", token)

    # ----- exactly-once ---------------------------------------------------------------------

    def was_handled(self, event_id: str) -> bool:
        """True when the event was handed to the bot before (in this run or an earlier one)."""
        return event_id in self._recent

    def mark_handled(self, event_id: str) -> None:
        """Record that the event was handed to the bot."""
        if event_id in self._recent:
            return
        self._seq += 1
        self._recent.add(event_id)
        self._db.execute("INSERT OR IGNORE INTO handled (event_id, seq) VALUES (?, ?)", (event_id, self._seq))
        if self._seq % _PRUNE_EVERY == 0:
            self._prune()

    def _prune(self) -> None:
        floor = self._seq - HANDLED_KEPT
        if floor > 0:
            gone = [r[0] for r in self._db.execute("SELECT event_id FROM handled WHERE seq <= ?", (floor,))]
            self._db.execute("DELETE FROM handled WHERE seq <= ?", (floor,))
            self._recent.difference_update(gone)
        self._db.execute("DELETE FROM reactions WHERE seq <= ?", (self._seq - REACTIONS_KEPT,))

    # ----- rooms -----------------------------------------------------------------------------

    def rooms(self) -> dict[str, RoomRecord]:
        """Rooms the bot joined (or accepted an invite to), with their direct-chat partner."""
        rows = self._db.execute("SELECT room_id, direct_with, seen FROM rooms")
        return {r[0]: RoomRecord(r[1], bool(r[2])) for r in rows}

    def remember_room(self, room_id: str, direct_with: str | None = None) -> None:
        """Remember a room the bot joins (``direct_with``: the member of a direct chat)."""
        self._db.execute("INSERT OR IGNORE INTO rooms (room_id, direct_with, seen) VALUES (?, ?, 0)",
                         (room_id, direct_with))
        if direct_with is not None:
            self._db.execute("UPDATE rooms SET direct_with = ? WHERE room_id = ?", (direct_with, room_id))

    def mark_seen(self, room_id: str) -> None:
        """The room came through a sync as joined: from now on missed events are backfilled."""
        self._db.execute("UPDATE rooms SET seen = 1 WHERE room_id = ?", (room_id,))

    def forget_room(self, room_id: str) -> None:
        """Forget a room the bot left or was removed from."""
        self._db.execute("DELETE FROM rooms WHERE room_id = ?", (room_id,))

    def dm_declined(self, user_id: str) -> bool:
        """True when the member left or refused the bot's direct chat."""
        return self._db.execute("SELECT 1 FROM declined_dm WHERE user_id = ?", (user_id,)).fetchone() is not None

    def set_dm_declined(self, user_id: str, declined: bool) -> None:
        """Record (or clear) that the member does not want direct messages from the bot."""
        if declined:
            self._db.execute("INSERT OR IGNORE INTO declined_dm (user_id) VALUES (?)", (user_id,))
        else:
            self._db.execute("DELETE FROM declined_dm WHERE user_id = ?", (user_id,))

    # ----- reactions -------------------------------------------------------------------------

    def add_reaction(self, event_id: str, reaction: Reaction) -> None:
        """Remember a reaction so a later redaction of it can be reported."""
        self._db.execute(
            "INSERT OR IGNORE INTO reactions (event_id, room_id, target, key, sender, seq) VALUES (?,?,?,?,?,?)",
            (event_id, reaction.room_id, reaction.target, reaction.key, reaction.sender, self._seq))

    def pop_reaction(self, event_id: str) -> Reaction | None:
        """The reaction ``event_id`` (forgotten from now on), or None if it is not one."""
        row = self._db.execute("SELECT room_id, target, key, sender FROM reactions WHERE event_id = ?",
                               (event_id,)).fetchone()
        if row is None:
            return None
        self._db.execute("DELETE FROM reactions WHERE event_id = ?", (event_id,))
        return Reaction(*row)
