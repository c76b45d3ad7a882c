"""A per-token cache for the per-message path: a token seen before costs one dict lookup."""
from __future__ import annotations

from typing import Callable, TypeVar

Value = TypeVar("Value")

CACHE_SIZE = 100_000


class TokenCache(dict[str, Value]):
    """Token -> what ``compute`` gives for it, filled on first sight; ``cache[token]`` is one dict lookup.

    Numbers are not kept (every message can bring a new one): they get ``number`` when it is given,
    else ``compute`` runs for them each time. The cache is emptied when it holds ``size`` tokens, so
    memory stays bounded.
    """

    def __init__(self, compute: Callable[[str], Value], size: int = CACHE_SIZE, number: Value | None = None) -> None:
        super().__init__()
        self.compute = compute
        self.size = size
        self.number = number

    def __missing__(self, token: str) -> Value:
        if token.isdigit():
            return self.compute(token) if self.number is None else self.number
        if len(self) >= self.size:
            self.clear()
        found = self[token] = self.compute(token)
        return found
