"""When a caregiver is alerted: once per person and tier within a window.

One person sending a burst of emergency texts gets advice for each, and every one is stored, but
their caregivers hear it once: three hundred alerts say no more than one and bury it. A higher
tier than the last alert is news and goes out at once; so does the same tier once the window ends.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from coach.triage import Tier

WINDOW = timedelta(minutes=30)


@dataclass
class AlertWindow:
    """The last caregiver alert of each person, by tier (kept in memory: one instance's view)."""

    window: timedelta = WINDOW
    _last: dict[tuple[int, Tier], datetime] = field(default_factory=dict)
    held: dict[int, int] = field(default_factory=dict)  # person id -> alerts not sent in the window

    def decide(self, person_id: int, tier: Tier, now: datetime) -> int | None:
        """None when this escalation is held back (and counted); else alert now, saying how many
        were held back since the last alert."""
        last = max((at for (who, level), at in self._last.items() if who == person_id and level >= tier), default=None)
        if last is not None and now - last < self.window:
            self.held[person_id] = self.held.get(person_id, 0) + 1
            return None
        self._last[(person_id, tier)] = now
        return self.held.pop(person_id, 0)
