"""The self-care protocol: cold for the first 48 hours, then heat, stepping down when heat hurts.

Everything here is a pure function of the facts and `now` (CLINICAL.md, "The self-care protocol").
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from coach.stretches import Stretch, stretches_for_day

COLD_PERIOD = timedelta(hours=48)


class Phase(StrEnum):
    """What to put on the back today."""

    COLD = "cold"
    HEAT = "heat"
    MOIST_HEAT = "moist_heat"
    CONTRAST = "contrast"

    @property
    def uses_heat(self) -> bool:
        """Whether the person is asked how heat went in this phase."""
        return self is not Phase.COLD


# After 48 hours: heat; each report of heat making it worse steps one rung down this ladder.
HEAT_LADDER: tuple[Phase, ...] = (Phase.HEAT, Phase.MOIST_HEAT, Phase.CONTRAST, Phase.COLD)

# Two or more reports of heat making it worse are a `soon` trigger (CLINICAL.md).
HEAT_WORSE_SOON_AFTER = 2


class Cause(StrEnum):
    """What the person links the episode to."""

    STRAIN = "strain"
    INJURY = "injury"
    ILLNESS = "illness"
    POSTURE = "posture"
    UNSURE = "unsure"


@dataclass(frozen=True)
class Episode:
    """The facts of one episode the protocol needs."""

    onset_at: datetime
    cause: Cause = Cause.UNSURE
    chronic: bool = False  # "more than 2 weeks, on and off": heat from the start


def day_of_episode(episode: Episode, now: datetime) -> int:
    """Day 1 is the first 24 hours after onset."""
    return max(1, (now - episode.onset_at) // timedelta(days=1) + 1)


def heat_allowed_at(episode: Episode) -> datetime:
    """When the cold phase ends and heat may start."""
    return episode.onset_at if episode.chronic else episode.onset_at + COLD_PERIOD


def current_phase(episode: Episode, heat_worse_reports: int, now: datetime) -> Phase:
    """Cold until 48 hours after onset, then a rung of the heat ladder."""
    if now < heat_allowed_at(episode):
        return Phase.COLD
    return HEAT_LADDER[min(heat_worse_reports, len(HEAT_LADDER) - 1)]


@dataclass(frozen=True)
class DayPlan:
    """Today's plan for one person."""

    day: int
    phase: Phase
    heat_worse_reports: int
    stretches: tuple[Stretch, ...]
    cause: Cause
    hours_until_heat: int | None  # while cold: whole hours left before heat starts


def plan_for(episode: Episode, heat_worse_reports: int, now: datetime) -> DayPlan:
    """The plan for the day that contains `now`."""
    day = day_of_episode(episode, now)
    phase = current_phase(episode, heat_worse_reports, now)
    hours_until_heat = None
    if phase is Phase.COLD and heat_worse_reports == 0:
        left = heat_allowed_at(episode) - now
        hours_until_heat = max(1, -(-left // timedelta(hours=1)))  # round up
    return DayPlan(
        day=day,
        phase=phase,
        heat_worse_reports=heat_worse_reports,
        stretches=stretches_for_day(day),
        cause=episode.cause,
        hours_until_heat=hours_until_heat,
    )
