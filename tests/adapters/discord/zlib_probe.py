"""Runs discord.py as it behaves without ``zstandard`` (so it asks for ``zlib-stream``).

discord.py picks its gateway compression once, at import time, so this runs
in a fresh interpreter where importing ``zstandard`` fails. It starts a
stand-in, logs a client in, has a user speak, and prints one JSON line with
``compression`` (what the stand-in served), ``client_compression`` (what
discord.py chose), ``received`` (the message content) and ``problems``.

Usage: ``python -m tests.adapters.discord.zlib_probe`` from the repository root.
Importing this module has no effect; only running it hides ``zstandard``.
"""
from __future__ import annotations

import asyncio
import json
import sys


async def probe() -> dict[str, object]:
    import discord

    from .client_helpers import make_client
    from .standin import DiscordStandIn, discord_py_pointed_at

    async with DiscordStandIn() as standin:
        with discord_py_pointed_at(standin):
            client = make_client()
            task = asyncio.create_task(client.start(standin.token))
            try:
                await asyncio.wait_for(client.wait_until_ready(), 10)
                waiter = client.wait_for("message", timeout=5)
                standin.user_says("general", "alice", "zlib hello")
                message = await waiter
                return {
                    "compression": standin.connections[-1].compression,
                    "client_compression": discord.utils._ActiveDecompressionContext.COMPRESSION_TYPE,
                    "received": message.content,
                    "problems": standin.unknown_routes + standin.protocol_errors,
                }
            finally:
                await client.close()
                await asyncio.wait_for(task, 5)


if __name__ == "__main__":
    sys.modules["zstandard"] = None  # type: ignore[assignment]  # makes "import zstandard" fail
    print(json.dumps(asyncio.run(probe())))
