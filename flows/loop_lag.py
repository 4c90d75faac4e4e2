"""How far behind the event loop runs, so that work which can wait steps aside when it is busy.

Scheduled reminders can go a few seconds late; replies, and seek-care advice above all, should
not. The rate limiter already gives them Telegram's capacity first, but not the process's CPU:
when the loop cannot keep up (a small machine, a burst of taps at check-in time), every reply
also waits behind the reminders' claims, sends and records. A probe that sleeps a short period
and measures how late it wakes tells how far behind the loop is; senders of reminders wait while
that stays above a limit. A single long step (a claim, a garbage collection) is one late wake and
does not hold them: the lag must persist.
"""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

PERIOD = 0.05  # seconds between probes
LIMIT = 0.1  # seconds behind, held over a few probes, at which work that can wait steps aside


class LoopLag:
    """The loop's lateness, smoothed: a late wake counts in full only if the next one is late too."""

    def __init__(self, period: float = PERIOD, limit: float = LIMIT):
        self.period, self.limit = period, limit
        self.behind = 0.0
        self.over_for = 0.0  # seconds the loop was further behind than the limit, for the log
        self._measured = asyncio.Event()

    @asynccontextmanager
    async def watching(self) -> AsyncIterator["LoopLag"]:
        """Probe while the block runs."""
        probe = asyncio.ensure_future(self._probe())
        try:
            yield self
        finally:
            probe.cancel()

    async def _probe(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            began = loop.time()
            await asyncio.sleep(self.period)
            woke = loop.time()
            late = woke - began - self.period
            # the last few wakes, recent ones first; the first one alone until there are more
            self.behind = (self.behind + late) / 2 if self._measured.is_set() else late
            if self.behind > self.limit:
                self.over_for += woke - began
            self._measured.set()

    async def calm(self) -> None:
        """Return once the loop is known to be no further behind than the limit."""
        await self._measured.wait()
        while self.behind > self.limit:  # noqa: ASYNC110 - the probe measures once a period: polling at its pace
            await asyncio.sleep(self.period)
