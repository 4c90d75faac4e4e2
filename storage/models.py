"""The tables. Every piece of state lives here, so a restart or a second instance carries on.

All times are aware UTC datetimes; local clock times (check-in time, waking hours) are `time`s
read in the person's IANA zone.
"""

from datetime import datetime, time

from sqlalchemy import JSON, BigInteger, Column, ForeignKey, Index, Integer
from sqlmodel import Field, SQLModel

from storage.types import UTCDateTime


def _utc(nullable: bool = True, index: bool = False) -> Column:
    return Column(UTCDateTime(), nullable=nullable, index=index)


def _owner() -> Column:
    return Column(Integer, ForeignKey("person.id", ondelete="CASCADE"), nullable=False, index=True)


class Person(SQLModel, table=True):
    """Someone who agreed to be coached."""

    id: int | None = Field(default=None, primary_key=True)
    telegram_user_id: int = Field(sa_column=Column(BigInteger, nullable=False, unique=True))
    chat_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    created_at: datetime = Field(sa_column=_utc(nullable=False))
    consented_at: datetime = Field(sa_column=_utc(nullable=False))
    timezone: str | None = None
    checkin_time: time | None = None
    wake_start: time = time(8)
    wake_end: time = time(22)
    onboarded_at: datetime | None = Field(default=None, sa_column=_utc())
    paused_at: datetime | None = Field(default=None, sa_column=_utc())
    blocked_at: datetime | None = Field(default=None, sa_column=_utc())
    next_checkin_at: datetime | None = Field(default=None, sa_column=_utc(index=True))
    care_hold_since: datetime | None = Field(default=None, sa_column=_utc())  # after emergency/urgent advice


class Episode(SQLModel, table=True):
    """One bout of back warmth, burning or tingling, from its onset."""

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(sa_column=_owner())
    onset_at: datetime = Field(sa_column=_utc(nullable=False))
    cause: str = "unsure"
    chronic: bool = False
    announced_phase: str = "cold"  # the phase the person was last told about
    created_at: datetime = Field(sa_column=_utc(nullable=False))


class CheckIn(SQLModel, table=True):
    """One daily check-in; each answer is written the moment it is given."""

    __table_args__ = (Index("ix_checkin_person_started", "person_id", "started_at"),)

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(sa_column=_owner())
    episode_id: int = Field(sa_column=Column(Integer, ForeignKey("episode.id", ondelete="CASCADE"), nullable=False))
    phase: str  # the phase when it started: fixes which questions are asked
    status: str = "open"  # open | done | missed
    step: str = "pain"  # the question the person is on
    started_at: datetime = Field(sa_column=_utc(nullable=False))
    completed_at: datetime | None = Field(default=None, sa_column=_utc())
    pain: int | None = None
    trend: str | None = None
    red_flags: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    sessions: int | None = None
    stretches: int | None = None
    water_glasses: int | None = None
    heat_effect: str | None = None
    note: str | None = None


class Conversation(SQLModel, table=True):
    """Where a person is in a tap-to-answer conversation (onboarding, settings, check-in)."""

    person_id: int = Field(sa_column=Column(Integer, ForeignKey("person.id", ondelete="CASCADE"), primary_key=True))
    flow: str
    step: str
    record_id: int | None = None  # the episode being set up, or the check-in being answered
    updated_at: datetime = Field(sa_column=_utc(nullable=False))


class Escalation(SQLModel, table=True):
    """A seek-care message that was sent, and what the person said about it."""

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(sa_column=_owner())
    tier: str
    triggers: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    source: str  # text | checkin | onboarding
    created_at: datetime = Field(sa_column=_utc(nullable=False))
    acknowledged_at: datetime | None = Field(default=None, sa_column=_utc())
    acknowledgement: str | None = None
