"""Rate limits of the live server: token buckets, in memory only.

Nothing here is ever written to disk: the keys (a client address for join attempts, a
participant id for answers) live only as long as the process and only while their
bucket is not full again. With several workers each process has its own buckets, so
the limits multiply by the number of workers (see :mod:`sleutelcursus.live.server`).
"""

from __future__ import annotations

import time

# Keys kept at most before full buckets are forgotten (a full bucket is the same as none).
MAX_KEYS = 50_000


class TokenBuckets:
    """One token bucket per key: ``burst`` tokens, refilled at ``rate`` a second.

    :param rate: tokens added per second
    :param burst: the most tokens a bucket holds (and starts with)
    """

    def __init__(self, rate: float, burst: float, clock=time.monotonic) -> None:
        self.rate, self.burst, self.clock = rate, burst, clock
        self._buckets: dict[object, tuple[float, float]] = {}

    def _level(self, key, now: float) -> float:
        tokens, stamp = self._buckets.get(key, (self.burst, now))
        return min(self.burst, tokens + (now - stamp) * self.rate)

    def wait(self, key) -> float:
        """Seconds until ``key`` may act again; 0.0 when it may now (nothing is taken)."""
        level = self._level(key, self.clock())
        return 0.0 if level >= 1 else (1 - level) / self.rate

    def take(self, key) -> float:
        """Take a token for ``key``: 0.0 when there was one, else the seconds to wait."""
        now = self.clock()
        level = self._level(key, now)
        if level < 1:
            return (1 - level) / self.rate
        if len(self._buckets) >= MAX_KEYS and key not in self._buckets:
            self._forget_full(now)
        self._buckets[key] = (level - 1, now)
        return 0.0

    def _forget_full(self, now: float) -> None:
        for key in [key for key in self._buckets if self._level(key, now) >= self.burst]:
            del self._buckets[key]
