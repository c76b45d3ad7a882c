"""The ``adapters.matrix`` config section.

Secrets are never written here: ``password_env``, ``access_token_env`` and
``pickle_key_env`` name environment variables that hold them.
"""
from __future__ import annotations

from datetime import timedelta
from typing import Literal

from pydantic import Field, field_validator, model_validator

from samovar.core.config import Strict, secret_env
from samovar.core.durations import Duration


class InviteRules(Strict):
    """Whose invitations the bot accepts (rooms listed in ``rooms`` are always accepted).

    ``allowed_servers: null`` (the default) means the bot's own homeserver; ``[]``
    means no server at all, so only ``allowed_inviters`` count.
    """

    allowed_inviters: list[str] = []
    allowed_servers: list[str] | None = None


class EncryptionSettings(Strict):
    """End-to-end encryption (Olm/Megolm through vodozemac); see docs/matrix.md section 7."""

    enabled: bool = True
    ignore_unverified_devices: bool = True
    undecryptable_wait: Duration = timedelta(minutes=5)


class RetrySettings(Strict):
    """How the adapter waits for a homeserver that is away or rate-limits it."""

    first_delay: Duration = timedelta(seconds=1)
    max_delay: Duration = timedelta(seconds=60)
    start_wait: Duration = timedelta(seconds=30)
    send_for: Duration = timedelta(seconds=60)
    rate_limited_retries: int = Field(default=5, ge=0)
    rate_limited_max_wait: Duration = timedelta(seconds=30)


class MatrixConfig(Strict):
    """Settings of the Matrix adapter (``adapters: {matrix: {...}}`` in the main config).

    ``rooms`` maps core room names (``community.main_room`` ...) to room ids or aliases;
    ``concurrency`` is how many members' events are handled side by side.
    """

    homeserver: str
    user_id: str
    password_env: str | None = secret_env(None, "env var holding the bot account's password")
    access_token_env: str | None = secret_env(None, "env var holding an access token (instead of a password)")
    pickle_key_env: str | None = secret_env(None, "env var with a key that encrypts the crypto store")
    device_name: str = "samovar"
    store_path: str = "matrix-store"
    rooms: dict[str, str] = {}
    authority_room: str | None = None
    invites: InviteRules = InviteRules()
    msgtype: Literal["m.notice", "m.text"] = "m.notice"
    timeout_action: Literal["none", "kick"] = "none"
    encryption: EncryptionSettings = EncryptionSettings()
    retry: RetrySettings = RetrySettings()
    sync_timeout: Duration = timedelta(seconds=30)
    concurrency: int = Field(default=8, ge=1)
    max_backfill: int = Field(default=5000, ge=0)

    @field_validator("homeserver")
    @classmethod
    def _http_url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("homeserver must be an http(s) URL such as https://matrix.example.org")
        return value.rstrip("/")

    @field_validator("user_id")
    @classmethod
    def _full_user_id(cls, value: str) -> str:
        if not value.startswith("@") or ":" not in value:
            raise ValueError("user_id must be a full Matrix id such as @samovar:example.org")
        return value

    @model_validator(mode="after")
    def _some_credential(self) -> MatrixConfig:
        if not self.password_env and not self.access_token_env:
            raise ValueError("set password_env or access_token_env (the NAME of an environment variable)")
        return self

    @property
    def server_name(self) -> str:
        """The homeserver part of the bot's user id."""
        return self.user_id.split(":", 1)[1]
