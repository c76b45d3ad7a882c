"""Per-member command rate limiting (token bucket on the bot's clock)."""
from __future__ import annotations


class RateLimiter:
    """``capacity`` commands, refilled evenly over ``period`` seconds, per key."""

    __slots__ = ("capacity", "rate", "_buckets")

    def __init__(self, capacity: int, period: float) -> None:
        self.capacity = float(capacity)
        self.rate = capacity / period
        self._buckets: dict[object, list[float]] = {}

    def allow(self, key: object, now: float) -> bool | None:
        """True if allowed; False the first time a key is over; None when over again (stay quiet)."""
        bucket = self._buckets.get(key)
        if bucket is None:
            self._buckets[key] = [self.capacity - 1.0, now, 0.0]
            return True
        tokens = min(self.capacity, bucket[0] + (now - bucket[1]) * self.rate)
        bucket[1] = now
        if tokens >= 1.0:
            bucket[0] = tokens - 1.0
            bucket[2] = 0.0
            return True
        bucket[0] = tokens
        warned = bucket[2]
        bucket[2] = 1.0
        return None if warned else False
