"""Benchmark of the check-in due-scan: 100,000 members with individual weekly schedules in SQLite.

The scheduler holds no job per member: every schedule row stores its next due
time (UTC, indexed) and a periodic scan claims what is due. This measures, on a
temporary SQLite file shaped like a year-old community (100,000 schedules,
two weeks of past check-ins, three days of open dialogs):

- ``scan_ms``: one full due-scan at an ordinary minute (open the ~10 check-ins
  due then, close expired dialogs, claim due reminders, compute the next wake-up);
  median and max over consecutive minutes;
- ``scan_nothing_due_ms``: the same scan when nothing is due;
- ``batch_ms``: one batch of ``scan_batch`` (200) check-ins when a fifth of the
  community kept the default day and time (Friday 18:00 Moscow);
- ``memory_mb``: Python memory (tracemalloc) while loading and scanning: the
  peak, and what stays held afterwards (no schedule is held in memory); plus the
  database file size and the process's peak RSS (which includes building the test data).

Targets (issue 6): one due-scan under 50 ms; memory for the schedules under 50 MB.
Usage: python bench/bench_checkin_scan.py [--quick]
"""
from __future__ import annotations

import argparse
import asyncio
import json
import platform
import random
import statistics
import tempfile
import time
import tracemalloc
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from samovar.core.storage import SchemaOwner, Storage
from samovar.plugins.checkin import store
from samovar.plugins.checkin.schedule import Weekly
from tortoise import Tortoise

MEMBERS = 100_000
NOW = datetime(2026, 3, 4, 12, 0, tzinfo=timezone.utc)  # a Wednesday
FRIDAY_1800_MSK = datetime(2026, 3, 6, 15, 0, tzinfo=timezone.utc)
ZONES = [("Europe/Moscow", 50), ("Europe/Berlin", 10), ("Asia/Yekaterinburg", 7), ("Asia/Novosibirsk", 5),
         ("Europe/London", 6), ("America/New_York", 6), ("Asia/Almaty", 5), ("Europe/Samara", 5),
         ("Asia/Tbilisi", 4), ("America/Los_Angeles", 2)]
DEFAULT_SHARE = 0.2
GRACE, WINDOW, REMIND = timedelta(hours=6), timedelta(days=3), timedelta(days=1)
BATCH = 200  # the plugin's default scan_batch


def _db(moment: datetime) -> str:
    """A UTC time as tortoise stores it in SQLite."""
    return str(moment.astimezone(timezone.utc).replace(microsecond=0))


def _schedules(rng: random.Random) -> list[tuple[Any, ...]]:
    zones, weights = [z for z, _ in ZONES], [w for _, w in ZONES]
    rows = []
    for member_id in range(1, MEMBERS + 1):
        if rng.random() < DEFAULT_SHARE:
            weekly = Weekly(4, 18 * 60, "Europe/Moscow")
        else:
            weekly = Weekly(rng.randrange(7), rng.randrange(7 * 60, 23 * 60), rng.choices(zones, weights)[0])
        due = weekly.next_after(NOW)
        rows.append((member_id, weekly.weekday, weekly.minute, weekly.tz, _db(due), rng.random() < 0.8, "ask",
                     True, "discord", _db(NOW - timedelta(days=200))))
    return rows


async def _populate(conn: Any, rng: random.Random) -> None:
    created = _db(NOW - timedelta(days=365))
    await conn.execute_many("INSERT INTO members (id, language, timezone, created_at) VALUES (?, ?, ?, ?)",
                            [(i, "ru", None, created) for i in range(1, MEMBERS + 1)])
    schedules = _schedules(rng)
    await conn.execute_many(
        "INSERT INTO checkin_schedules (member_id, weekday, minute, timezone, next_due_at, reminders, sharing,"
        " similar_offers, platform, created_at, enabled) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)", schedules)
    # two weeks of past check-ins (closed) and the last three days' dialogs (open)
    entries = []
    for member_id, weekday, minute, tz, *_ in schedules:
        weekly = Weekly(weekday, minute, tz)
        last = weekly.last_at_or_before(NOW)
        for due in (last - timedelta(days=14), last - timedelta(days=7), last):
            open_ = NOW - due < WINDOW
            answered = rng.random() < 0.5
            entries.append((member_id, _db(due), _db(due), "worked" if open_ else "done", "worked",
                            "a walk" if answered else None, None, rng.randint(1, 5) if answered else None,
                            _db(due + REMIND) if open_ and due + REMIND > NOW else None,
                            _db(due + WINDOW) if open_ else None, ""))
    await conn.execute_many(
        "INSERT INTO checkin_entries (member_id, due_at, asked_at, step, prompted, worked, didnt, mood, remind_at,"
        " closes_at, themes, cared) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)", entries)


async def _scan(now: datetime) -> tuple[float, int]:
    started = time.perf_counter()
    result = await store.claim_due(now, grace=GRACE, window=WINDOW, reminder_after=REMIND, limit=BATCH)
    await store.close_expired(now)
    await store.claim_reminders(now, BATCH)
    await store.next_wake()
    return (time.perf_counter() - started) * 1000, len(result.opened)


async def _bench(path: Path, minutes: int) -> dict[str, Any]:
    rng = random.Random(7)
    storage = Storage(f"sqlite://{path}", [SchemaOwner("checkin", ("samovar.plugins.checkin.models",))])
    await storage.open()
    conn = Tortoise.get_connection("default")
    started = time.perf_counter()
    await _populate(conn, rng)
    await conn.execute_query("PRAGMA wal_checkpoint(TRUNCATE)")  # the test data is fully written before measuring
    populate_s = time.perf_counter() - started
    ordinary, opened = [], []
    for minute in range(minutes):
        elapsed, count = await _scan(NOW + timedelta(minutes=minute))
        ordinary.append(elapsed)
        opened.append(count)
    # nothing due: the same minute scanned again, everything due there has been claimed
    idle = [(await _scan(NOW + timedelta(minutes=minutes - 1)))[0] for _ in range(20)]
    # memory (tracemalloc slows Python down, so it is measured on further minutes, untimed)
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    for minute in range(minutes, minutes + 10):
        await _scan(NOW + timedelta(minutes=minute))
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    # the default-time crowd: a fifth of the community due at the same minute (everything due
    # before then is settled first, as if it had all happened on time)
    crowd = _db(FRIDAY_1800_MSK)
    await conn.execute_query("UPDATE checkin_schedules SET next_due_at = ? WHERE next_due_at < ?",
                             [_db(FRIDAY_1800_MSK + timedelta(days=7)), crowd])
    await conn.execute_query("UPDATE checkin_entries SET remind_at = NULL WHERE remind_at <= ?", [crowd])
    await store.close_expired(FRIDAY_1800_MSK)
    await conn.execute_query("PRAGMA wal_checkpoint(TRUNCATE)")
    batches = []
    for _ in range(5):
        elapsed, count = await _scan(FRIDAY_1800_MSK)
        batches.append((elapsed, count))
    await storage.close()
    return {
        "members": MEMBERS,
        "schedules_at_default_time": int(MEMBERS * DEFAULT_SHARE),
        "populate_s": round(populate_s, 1),
        "scan_ms": {"median": round(statistics.median(ordinary), 2), "max": round(max(ordinary), 2),
                    "minutes": minutes, "checkins_opened_per_minute": round(statistics.mean(opened), 1)},
        "scan_nothing_due_ms": {"median": round(statistics.median(idle), 2), "max": round(max(idle), 2)},
        "batch_ms": {"batch": BATCH, "each": [round(b[0], 1) for b in batches], "opened": [b[1] for b in batches]},
        "memory_mb": {"scan_peak": round((peak - before) / 2**20, 2),
                      "held_after": round(max(0, current - before) / 2**20, 2),
                      "database_file": round(path.stat().st_size / 2**20, 1),
                      "process_peak_rss_incl_test_data": round(_peak_rss_mb(), 1)},
        "targets": {"scan_ms": 50, "memory_mb": 50},
        "python": platform.python_version(),
    }


def _peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(quick: bool = False) -> dict[str, Any]:
    """Build the database in a temporary folder, measure, clean up."""
    with tempfile.TemporaryDirectory(prefix="samovar-bench-") as folder:
        return asyncio.run(_bench(Path(folder) / "checkins.db", 10 if quick else 60))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer measured minutes")
    args = parser.parse_args()
    print(json.dumps(run(args.quick), indent=2))
