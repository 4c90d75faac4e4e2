"""The tables. Every piece of state lives here, so a restart or a second instance carries on.

All times are aware UTC datetimes; local clock times (check-in time, waking hours) are `time`s
read in the person's IANA zone.
"""

from datetime import datetime, time

from sqlalchemy import JSON, BigInteger, Column, ForeignKey, Index, Integer, String, UniqueConstraint
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
    care_hold_since: datetime | None = Field(default=None, sa_column=_utc())  # after emergency/urgent advice
    reminders_off: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))  # kinds turned off
    stretch_times: str = "11:00,17:00"  # local times of the stretch reminders
    planned_until: datetime | None = Field(default=None, sa_column=_utc(index=True))  # reminders are written up to here


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


class Reminder(SQLModel, table=True):
    """One reminder, planned ahead: the database is the schedule.

    `available_at` is when it may next be claimed: its due time, a retry time, or the end of
    the lease of the instance sending it. A crashed sender's lease runs out and the row is
    claimed again, so nothing is lost.
    """

    __table_args__ = (
        UniqueConstraint("person_id", "kind", "local_key", name="uq_reminder_slot"),
        Index("ix_reminder_claim", "status", "available_at", "person_id"),  # as Reminders.claim orders (migration 0006)
    )

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(sa_column=_owner())
    kind: str  # coach.reminders.Kind
    local_key: str  # the local slot it was planned for
    due_at: datetime = Field(sa_column=_utc(nullable=False))
    available_at: datetime = Field(sa_column=_utc(nullable=False))
    status: str = "pending"  # pending | sending | sent | done | skipped | dropped
    reason: str | None = None  # why it was dropped: stale, paused, hold, blocked, asleep, answered
    attempts: int = 0
    group_id: int | None = None  # reminders sent together in one message share the first one's id
    message_id: int | None = None
    sent_at: datetime | None = Field(default=None, sa_column=_utc())
    answered_at: datetime | None = Field(default=None, sa_column=_utc())


class CaregiverInvite(SQLModel, table=True):
    """An invitation to follow a person: drafted while they choose what to share, then a
    one-time code (stored only as its hash) valid for 48 hours."""

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(sa_column=_owner())
    person_name: str  # the first name the caregiver will know them by
    sharing: str  # coach.invites.Sharing.to_text()
    code_hash: str | None = Field(default=None, sa_column=Column(String, unique=True))  # None while drafted
    created_at: datetime = Field(sa_column=_utc(nullable=False))
    used_at: datetime | None = Field(default=None, sa_column=_utc())  # accepted or declined: it works once


class CaregiverLink(SQLModel, table=True):
    """Someone a person shares their progress with. The caregiver need not use the coach."""

    __table_args__ = (Index("ix_caregiverlink_caregiver", "caregiver_user_id"),)

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(sa_column=_owner())
    person_name: str
    caregiver_user_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    caregiver_chat_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    caregiver_name: str
    sharing: str  # coach.invites.Sharing.to_text(); its daily time is the caregiver's
    timezone: str | None = None  # the caregiver's own zone; None until they pick it
    accepted_at: datetime = Field(sa_column=_utc(nullable=False))
    ended_at: datetime | None = Field(default=None, sa_column=_utc())
    planned_until: datetime | None = Field(default=None, sa_column=_utc())  # summaries are written up to here


class Screening(SQLModel, table=True):
    """One STarT Back questionnaire; each answer is stored the moment it is given."""

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(sa_column=_owner())
    started_at: datetime = Field(sa_column=_utc(nullable=False))
    answers: dict[str, str] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    completed_at: datetime | None = Field(default=None, sa_column=_utc())
    total: int | None = None
    psychosocial: int | None = None
    risk: str | None = None  # low | medium | high
