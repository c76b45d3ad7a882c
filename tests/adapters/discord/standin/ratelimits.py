"""Rate-limit buckets, the global limit and 429s injected by tests.

Every REST answer carries ``X-RateLimit-Limit/-Remaining/-Reset/-Reset-After/
-Bucket`` so a client can throttle itself. A 429 carries ``Retry-After``,
``X-RateLimit-Scope``, ``Via`` (without it discord.py assumes a Cloudflare
ban) and a JSON body whose ``retry_after`` is in seconds.

Limits follow Discord's published behaviour for the routes a bot uses most;
``scale`` shrinks every window (e.g. 0.1) when a test wants them faster.
"""
from __future__ import annotations

import dataclasses
import fnmatch
import hashlib
import math
import time
from typing import Any

# (route pattern on "METHOD /template", limit, window seconds); the first match wins.
DEFAULT_RULES: list[tuple[str, int, float]] = [
    ("POST /channels/{channel_id}/messages", 5, 5.0),
    ("PATCH /channels/{channel_id}/messages/{message_id}", 5, 5.0),
    ("DELETE /channels/{channel_id}/messages/{message_id}", 5, 1.0),
    ("* /channels/{channel_id}/messages/{message_id}/reactions*", 1, 0.25),
    ("POST /channels/{channel_id}/typing", 5, 5.0),
    ("POST /channels/{channel_id}/messages/{message_id}/threads", 10, 10.0),
    ("* /guilds/{guild_id}/members*", 10, 10.0),
    ("PUT /applications/*/commands", 2, 1.0),
    ("*", 50, 1.0),
]
GLOBAL_LIMIT_PER_SECOND = 50
MAJOR_PARAMETERS = ("channel_id", "guild_id", "webhook_id", "webhook_token")


@dataclasses.dataclass
class Injection:
    pattern: str
    retry_after: float
    remaining: int
    scope: str
    is_global: bool


@dataclasses.dataclass
class _Window:
    limit: int
    per: float
    used: int = 0
    ends: float = 0.0


@dataclasses.dataclass
class Verdict:
    """Headers to add to the answer, and a 429 body if the request is refused."""

    headers: dict[str, str]
    refused: dict[str, Any] | None = None


class RateLimiter:
    def __init__(self, scale: float = 1.0, global_limit: int = GLOBAL_LIMIT_PER_SECOND) -> None:
        self.scale = scale
        self.global_limit = global_limit  # Discord raises it for large bots on request
        self.rules: list[tuple[str, int, float]] = list(DEFAULT_RULES)
        self.injections: list[Injection] = []
        self.violations: list[str] = []  # 429s the client earned by ignoring the headers
        self.injected_hits: list[str] = []
        self._windows: dict[str, _Window] = {}
        self._global_hits: list[float] = []

    def set_rule(self, pattern: str, limit: int, per: float) -> None:
        """Put a rule in front of the others (pattern as in DEFAULT_RULES)."""
        self.rules.insert(0, (pattern, limit, per))

    def inject_429(self, pattern: str, retry_after: float, count: int = 1, *,
                   scope: str = "user", is_global: bool = False) -> None:
        """Answer the next ``count`` requests matching ``pattern`` with 429.

        ``pattern`` is matched (fnmatch) against ``"METHOD /path"`` and
        ``"METHOD /template"``, e.g. ``"POST /channels/*/messages"``.
        """
        self.injections.append(Injection(pattern, retry_after, count, scope, is_global))

    def check(self, method: str, path: str, template: str, params: dict[str, str],
              counts_globally: bool) -> Verdict:
        now = time.monotonic()
        route = f"{method} {template}"
        pattern, limit, per = next(r for r in self.rules if fnmatch.fnmatchcase(route, r[0]))
        per *= self.scale
        bucket_hash = hashlib.md5(pattern.encode()).hexdigest()
        major = "+".join(params[k] for k in MAJOR_PARAMETERS if k in params)
        window = self._windows.setdefault(f"{bucket_hash}:{major}", _Window(limit, per))
        window.limit, window.per = limit, per
        if now >= window.ends:
            window.used, window.ends = 0, now + per

        injection = self._take_injection(f"{method} {path}", route)
        if injection is not None:
            self.injected_hits.append(f"{method} {path}")
            return self._refusal(window, bucket_hash, injection.retry_after, injection.scope, injection.is_global)

        if counts_globally:
            self._global_hits = [t for t in self._global_hits if now - t < 1.0 * self.scale]
            if len(self._global_hits) >= self.global_limit:
                retry = self._global_hits[0] + 1.0 * self.scale - now
                self.violations.append(f"global: {method} {path}")
                return self._refusal(window, bucket_hash, retry, "global", True)
            self._global_hits.append(now)

        if window.used >= window.limit:
            self.violations.append(f"{method} {path}")
            return self._refusal(window, bucket_hash, window.ends - now, "user", False)
        window.used += 1
        return Verdict(headers=self._headers(window, bucket_hash, now))

    def _take_injection(self, concrete: str, route: str) -> Injection | None:
        for injection in self.injections:
            if injection.remaining > 0 and (fnmatch.fnmatchcase(concrete, injection.pattern)
                                            or fnmatch.fnmatchcase(route, injection.pattern)):
                injection.remaining -= 1
                return injection
        return None

    @staticmethod
    def _headers(window: _Window, bucket_hash: str, now: float) -> dict[str, str]:
        reset_after = max(window.ends - now, 0.0)
        return {
            "X-RateLimit-Limit": str(window.limit),
            "X-RateLimit-Remaining": str(max(window.limit - window.used, 0)),
            "X-RateLimit-Reset": f"{time.time() + reset_after:.3f}",
            "X-RateLimit-Reset-After": f"{reset_after:.3f}",
            "X-RateLimit-Bucket": bucket_hash,
        }

    def _refusal(self, window: _Window, bucket_hash: str, retry_after: float, scope: str,
                 is_global: bool) -> Verdict:
        retry_after = max(retry_after, 0.001)
        headers = {
            "Retry-After": str(math.ceil(retry_after)),
            "X-RateLimit-Scope": scope,
        }
        if is_global:
            headers["X-RateLimit-Global"] = "true"
        else:
            headers.update({
                "X-RateLimit-Limit": str(window.limit),
                "X-RateLimit-Remaining": "0",
                "X-RateLimit-Reset": f"{time.time() + retry_after:.3f}",
                "X-RateLimit-Reset-After": f"{retry_after:.3f}",
                "X-RateLimit-Bucket": bucket_hash,
            })
        body: dict[str, Any] = {"message": "You are being rate limited.", "retry_after": round(retry_after, 3),
                                "global": is_global}
        if scope == "shared" or is_global:
            body["code"] = 0
        return Verdict(headers=headers, refused=body)
