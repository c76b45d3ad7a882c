"""Logging in on a real Synapse: with an access token from the environment (that token's device
is used, no new one is made), and refused credentials stop the start instead of retrying."""
from __future__ import annotations

import pytest

from samovar.adapters.matrix.session import LoginFailed
from tests.adapters.matrix.conftest import PASSWORD_ENV, BotRunner, MakeMember
from tests.adapters.matrix.members import replies_to
from tests.adapters.matrix.test_matrix_conversation import room_with_bot
from tests.adapters.matrix.test_matrix_restart import device_ids

TOKEN_ENV = "SAMOVAR_TEST_MATRIX_TOKEN"


async def test_access_token_login_uses_that_tokens_device(samovar_bot: BotRunner, member: MakeMember,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TOKEN_ENV, samovar_bot.account.access_token)
    alice = await member("alice")
    running = await samovar_bot.start(password_env=None, access_token_env=TOKEN_ENV)
    room = await room_with_bot(alice, running)

    command = await alice.say(room, "!echo signed in with a token")

    await alice.wait_for(room, replies_to(running.user_id, command))
    assert await device_ids(samovar_bot) == {samovar_bot.account.device_id}


async def test_refused_password_stops_the_start(samovar_bot: BotRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PASSWORD_ENV, "not-the-password")

    with pytest.raises(LoginFailed, match="login of"):
        await samovar_bot.start()
