"""Logging in once and reusing the same device on every later start.

With a password, the first start creates a device and saves its id and access
token in the adapter's state; later starts restore that login (and the crypto
store of that device). With an access token from the environment, the device
is whichever one the token belongs to (asked with ``whoami``).
"""
from __future__ import annotations

import logging
import os
from pathlib import Path

from nio import AsyncClient, AsyncClientConfig, LoginResponse, WhoamiResponse
from nio.crypto import ENCRYPTION_ENABLED

from samovar.core.adapter import AdapterError

from .config import MatrixConfig
from .connection import Requests
from .state import AdapterState, Session

log = logging.getLogger("samovar.adapters.matrix")
UNKNOWN_TOKEN = "M_UNKNOWN_TOKEN"


class LoginFailed(AdapterError):
    """The homeserver refused the bot's credentials (retrying would not help)."""


def secret(env_name: str | None) -> str | None:
    """The value of the environment variable ``env_name`` (None when unset or empty)."""
    return os.environ.get(env_name) or None if env_name else None


def make_client(config: MatrixConfig, store_dir: Path) -> AsyncClient:
    """A matrix-nio client that never retries on its own (the adapter decides)."""
    crypto_dir = store_dir / "crypto"
    crypto_dir.mkdir(parents=True, exist_ok=True)
    encryption = config.encryption.enabled
    if encryption and not ENCRYPTION_ENABLED:
        raise AdapterError("encryption is enabled but matrix-nio's e2e extra (vodozemac) is not installed")
    client_config = AsyncClientConfig(
        encryption_enabled=encryption,
        store_sync_tokens=False,
        max_limit_exceeded=0,
        max_timeouts=0,
        request_timeout=config.sync_timeout.total_seconds() + 30,
        pickle_key=secret(config.pickle_key_env) or "DEFAULT_KEY",
    )
    return AsyncClient(config.homeserver, config.user_id, store_path=str(crypto_dir), config=client_config)


async def log_in(client: AsyncClient, config: MatrixConfig, state: AdapterState, requests: Requests) -> Session:
    """Restore the saved login or log in; waits for the homeserver as long as it takes.

    Raises :class:`LoginFailed` when the homeserver refuses the credentials.
    """
    token, password = secret(config.access_token_env), secret(config.password_env)
    saved = state.session()
    if saved is not None and saved.user_id != config.user_id:
        saved = None
    if token and (saved is None or saved.access_token != token):
        saved = await _session_for_token(client, config, token, requests)
        state.save_session(saved)
    if saved is not None:
        client.restore_login(saved.user_id, saved.device_id, saved.access_token)
        who = await requests.call("whoami", client.whoami, retry_for=None)
        if isinstance(who, WhoamiResponse):
            return saved
        if token or who.status_code != UNKNOWN_TOKEN or not password:
            raise LoginFailed(f"the homeserver refused the saved login of {config.user_id}: {who}")
        log.info("saved access token no longer valid; logging in again with the password")
        client.device_id = saved.device_id  # log in again on the same device
    if not password:
        raise LoginFailed(f"no password or access token for {config.user_id} in the environment")
    response = await requests.call("login", lambda: client.login(password, device_name=config.device_name),
                                   retry_for=None)
    if not isinstance(response, LoginResponse):
        raise LoginFailed(f"login of {config.user_id} failed: {response}")
    session = Session(response.user_id, response.device_id, response.access_token)
    state.save_session(session)
    log.info("logged in", extra={"user_id": session.user_id, "device_id": session.device_id})
    return session


async def _session_for_token(client: AsyncClient, config: MatrixConfig, token: str, requests: Requests) -> Session:
    client.user_id, client.access_token = config.user_id, token
    who = await requests.call("whoami", client.whoami, retry_for=None)
    if not isinstance(who, WhoamiResponse):
        raise LoginFailed(f"the homeserver refused the access token of {config.user_id}: {who}")
    if who.user_id != config.user_id or not who.device_id:
        raise LoginFailed(f"the access token belongs to {who.user_id} (device {who.device_id}), "
                          f"not to {config.user_id}")
    return Session(who.user_id, who.device_id, token)
