"""Repositories: every query the bot makes, grouped by what it is about, inside one unit of work."""

from collections.abc import Awaitable, Iterable, Sequence
from datetime import datetime, timedelta
from functools import cache
from importlib import import_module
from typing import Any

from sqlalchemy import ARRAY, ColumnElement, any_, bindparam, delete, func, insert, or_, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.util import identity_key
from sqlmodel import col, select

from storage.models import (
    CaregiverInvite,
    CaregiverLink,
    CheckIn,
    Conversation,
    Episode,
    Escalation,
    Person,
    Reminder,
    Screening,
)
from storage.sqlite import SessionOnTheLoop

# PostgreSQL's sessions are SQLAlchemy's own; SQLite's run on the loop with the same methods.
AnySession = AsyncSession | SessionOnTheLoop


def _dialect_insert(dialect: str, table: Any):
    """An INSERT that can say ON CONFLICT, in this dialect (PostgreSQL or SQLite), which is
    imported on first use: an instance on SQLite never loads PostgreSQL's (2 MB)."""
    return import_module(f"sqlalchemy.dialects.{dialect}").insert(table)


def _on_postgres(session: AnySession) -> bool:
    return session.bind.dialect.name == "postgresql"


# On PostgreSQL each distinct statement text is prepared once per connection (a round trip, a
# plan, and asyncpg's description of every parameter, kept in a cache of 100). A batch's `IN ($1,
# ..., $150)` or 150-row VALUES is a new text for every count, so each dispatch batch prepared
# seven new statements; the two forms below have one text whatever the count. SQLite keeps the
# plain forms: its statements are not prepared on a server.


def _among(session: AnySession, column: Any, values: Iterable) -> ColumnElement[bool]:
    """`column IN values`; on PostgreSQL `column = ANY($1)`, the values as one array."""
    values = list(set(values))
    if _on_postgres(session):
        return column == any_(bindparam(None, values, type_=ARRAY(column.type)))
    return column.in_(values)


async def _insert_returning(session: AnySession, table: Any, rows: list[dict], *returning: Any) -> Any:
    """INSERT rows (with the same keys) RETURNING columns; on PostgreSQL one array per column,
    `INSERT ... SELECT * FROM unnest($1, ...)`."""
    if not _on_postgres(session):
        return await session.execute(insert(table).returning(*returning), rows)
    names = list(rows[0])
    arrays = [
        bindparam(None, [row[name] for row in rows], type_=ARRAY(table.c[name].type, dimensions=1)) for name in names
    ]
    source = func.unnest(*arrays).table_valued(*names).render_derived()
    return await session.execute(
        insert(table).from_select(names, select(*(source.c[name] for name in names))).returning(*returning)
    )


_STEP_COLUMNS = ("flow", "step", "record_id", "updated_at")  # what moving a conversation changes


@cache
def _conversation_upsert(dialect: str):
    """Built once: its `excluded` columns are new objects each time, a third of a tap's CPU."""
    insert = _dialect_insert(dialect, Conversation.__table__)
    changed = {name: insert.excluded[name] for name in _STEP_COLUMNS}
    return insert.on_conflict_do_update(index_elements=["person_id"], set_=changed)


class People:
    """People who agreed to be coached."""

    def __init__(self, session: AnySession):
        self.session = session

    async def by_telegram_id(self, telegram_user_id: int) -> Person | None:
        result = await self.session.execute(select(Person).where(Person.telegram_user_id == telegram_user_id))
        return result.scalar_one_or_none()

    async def add(self, person: Person) -> Person:
        self.session.add(person)
        await self.session.flush()
        return person

    async def mark_reachable(self, telegram_user_id: int) -> None:
        """The person wrote to the bot: if they had blocked it, they have unblocked it.

        Runs for every update, so on the table: the ORM's UPDATE would also look for the row
        among loaded objects, which here are none (1.5-2 times the CPU)."""
        person = Person.__table__
        await self.session.execute(
            update(person)
            .where(person.c.telegram_user_id == telegram_user_id, person.c.blocked_at.is_not(None))
            .values(blocked_at=None, planned_until=None)
        )

    async def mark_blocked(self, person_id: int, now: datetime) -> None:
        """Telegram said the person blocked the bot: no reminders until they write again."""
        await self.session.execute(update(Person).where(col(Person.id) == person_id).values(blocked_at=now))

    async def mark_blocked_by_telegram_id(self, telegram_user_id: int, now: datetime) -> None:
        """The same, from Telegram's notice that the person blocked the bot."""
        await self.session.execute(
            update(Person)
            .where(col(Person.telegram_user_id) == telegram_user_id, col(Person.blocked_at).is_(None))
            .values(blocked_at=now)
        )

    async def by_ids(self, person_ids: Iterable[int]) -> dict[int, Person]:
        result = await self.session.execute(select(Person).where(_among(self.session, col(Person.id), person_ids)))
        return {person.id: person for person in result.scalars()}

    async def to_plan(self, planned_before: datetime, limit: int) -> Sequence[Person]:
        """Set-up, unpaused, reachable people whose written-ahead reminders end before a moment."""
        result = await self.session.execute(
            select(Person)
            .where(
                col(Person.onboarded_at).is_not(None),
                col(Person.paused_at).is_(None),
                col(Person.blocked_at).is_(None),
                or_(col(Person.planned_until).is_(None), col(Person.planned_until) < planned_before),
            )
            .order_by(col(Person.planned_until).nulls_first(), col(Person.id))
            .limit(limit)
        )
        return result.scalars().all()


class Episodes:
    """Episodes of back symptoms."""

    def __init__(self, session: AnySession):
        self.session = session

    async def current(self, person_id: int) -> Episode | None:
        result = await self.session.execute(
            select(Episode).where(Episode.person_id == person_id).order_by(col(Episode.id).desc()).limit(1)
        )
        return result.scalar_one_or_none()

    async def add(self, episode: Episode) -> Episode:
        self.session.add(episode)
        await self.session.flush()
        return episode

    async def current_for(self, person_ids: Iterable[int]) -> dict[int, Episode]:
        """Each person's current (latest) episode."""
        latest = (
            select(func.max(Episode.id))
            .where(_among(self.session, col(Episode.person_id), person_ids))
            .group_by(Episode.person_id)
        )
        result = await self.session.execute(select(Episode).where(col(Episode.id).in_(latest)))
        return {episode.person_id: episode for episode in result.scalars()}

    async def cold_phase_ended(
        self, now: datetime, cold_period: timedelta, limit: int = 200
    ) -> list[tuple[Episode, Person]]:
        """Episodes still announced as cold whose 48 hours are over, with their reachable owner;
        on PostgreSQL, ones another tick (or instance) is announcing right now are skipped."""
        result = await self.session.execute(
            select(Episode, Person)
            .join(Person, col(Person.id) == Episode.person_id)
            .where(
                Episode.announced_phase == "cold",
                col(Episode.chronic).is_(False),
                col(Episode.onset_at) <= now - cold_period,
                col(Person.onboarded_at).is_not(None),
                col(Person.paused_at).is_(None),
                col(Person.blocked_at).is_(None),
            )
            .limit(limit)
            .with_for_update(of=Episode, skip_locked=True)
        )
        return [(episode, person) for episode, person in result.all()]


class CheckIns:
    """Check-ins and their answers."""

    def __init__(self, session: AnySession):
        self.session = session

    async def add(self, checkin: CheckIn) -> CheckIn:
        self.session.add(checkin)
        await self.session.flush()
        return checkin

    async def get(self, checkin_id: int, person_id: int) -> CheckIn | None:
        """The check-in, only if it belongs to this person."""
        checkin = await self.session.get(CheckIn, checkin_id)
        return checkin if checkin is not None and checkin.person_id == person_id else None

    async def open_for(self, person_id: int) -> CheckIn | None:
        """The person's unfinished check-in, if any."""
        result = await self.session.execute(
            select(CheckIn)
            .where(CheckIn.person_id == person_id, CheckIn.status == "open")
            .order_by(col(CheckIn.id).desc())
            .limit(1)
        )
        return result.scalar_one_or_none()

    async def completed_since(self, person_id: int, since: datetime) -> bool:
        """Whether the person finished a check-in at or after a moment."""
        result = await self.session.execute(
            select(CheckIn.id)
            .where(CheckIn.person_id == person_id, CheckIn.status == "done", col(CheckIn.completed_at) >= since)
            .limit(1)
        )
        return result.first() is not None

    async def discard(self, checkin_id: int) -> None:
        """Remove a check-in that was opened but never reached the person."""
        await self.session.execute(delete(CheckIn).where(col(CheckIn.id) == checkin_id, col(CheckIn.status) == "open"))

    async def mark_missed(self, person_id: int, started_before: datetime) -> int:
        """Close the person's check-ins still open from before a moment as missed; returns how many."""
        result = await self.session.execute(
            update(CheckIn)
            .where(
                col(CheckIn.person_id) == person_id,
                col(CheckIn.status) == "open",
                col(CheckIn.started_at) < started_before,
            )
            .values(status="missed")
        )
        return result.rowcount

    async def missed_in_row(self, person_id: int) -> int:
        """How many of the person's latest check-ins in a row were missed."""
        result = await self.session.execute(
            select(CheckIn.status)
            .where(CheckIn.person_id == person_id, CheckIn.status != "open")
            .order_by(col(CheckIn.started_at).desc())
            .limit(10)
        )
        statuses = result.scalars().all()
        return next((n for n, status in enumerate(statuses) if status != "missed"), len(statuses))

    async def of_episode(self, episode_id: int) -> Sequence[CheckIn]:
        """Every check-in of an episode, oldest first."""
        result = await self.session.execute(
            select(CheckIn).where(CheckIn.episode_id == episode_id).order_by(col(CheckIn.started_at))
        )
        return result.scalars().all()

    async def heat_worse_count(self, episode_id: int) -> int:
        """How many times heat was reported to make it worse in this episode."""
        result = await self.session.execute(
            select(func.count())
            .select_from(CheckIn)
            .where(CheckIn.episode_id == episode_id, CheckIn.heat_effect == "worse")
        )
        return result.scalar_one()

    async def heat_worse_counts(self, episode_ids: Iterable[int]) -> dict[int, int]:
        """How many times heat made it worse, per episode (episodes with none are left out)."""
        result = await self.session.execute(
            select(CheckIn.episode_id, func.count())
            .where(_among(self.session, col(CheckIn.episode_id), episode_ids), CheckIn.heat_effect == "worse")
            .group_by(CheckIn.episode_id)
        )
        return dict(result.all())

    async def add_many(self, checkins: Sequence[CheckIn]) -> None:
        """Insert new check-ins (at most one per person) in one statement, and give each its id.

        The ORM's flush would insert them one by one to learn their ids (~0.25 ms each on SQLite)."""
        if not checkins:
            return
        columns = [column.key for column in CheckIn.__table__.columns if column.key != "id"]
        rows = [{name: getattr(checkin, name) for name in columns} for checkin in checkins]
        result = await _insert_returning(self.session, CheckIn.__table__, rows, CheckIn.id, CheckIn.person_id)
        ids = {person_id: checkin_id for checkin_id, person_id in result.all()}
        for checkin in checkins:
            checkin.id = ids[checkin.person_id]

    async def open_of(self, person_ids: Iterable[int]) -> dict[int, list[CheckIn]]:
        """Each person's unfinished check-ins, oldest first (people with none are left out)."""
        result = await self.session.execute(
            select(CheckIn)
            .where(_among(self.session, col(CheckIn.person_id), person_ids), CheckIn.status == "open")
            .order_by(col(CheckIn.id))
        )
        unfinished: dict[int, list[CheckIn]] = {}
        for checkin in result.scalars():
            unfinished.setdefault(checkin.person_id, []).append(checkin)
        return unfinished

    async def last_completed(self, person_ids: Iterable[int]) -> dict[int, datetime]:
        """When each person last finished a check-in (people who never did are left out)."""
        result = await self.session.execute(
            select(CheckIn.person_id, func.max(CheckIn.completed_at))
            .where(_among(self.session, col(CheckIn.person_id), person_ids), CheckIn.status == "done")
            .group_by(CheckIn.person_id)
        )
        return {person_id: at for person_id, at in result.all() if at is not None}

    async def pain_scores(self, episode_id: int) -> list[tuple[datetime, int]]:
        """Every pain answer of the episode with when its check-in started, oldest first."""
        result = await self.session.execute(
            select(CheckIn.started_at, CheckIn.pain)
            .where(CheckIn.episode_id == episode_id, col(CheckIn.pain).is_not(None))
            .order_by(col(CheckIn.started_at), col(CheckIn.id))
        )
        return [(started_at, pain) for started_at, pain in result.all()]

    async def first_pain(self, episode_id: int) -> int | None:
        """The first pain score given in this episode."""
        result = await self.session.execute(
            select(CheckIn.pain)
            .where(CheckIn.episode_id == episode_id, col(CheckIn.pain).is_not(None))
            .order_by(col(CheckIn.started_at), col(CheckIn.id))
            .limit(1)
        )
        return result.scalar_one_or_none()


class Conversations:
    """Which conversation each person is in, and on which step."""

    def __init__(self, session: AnySession):
        self.session = session

    async def get(self, person_id: int) -> Conversation | None:
        return await self.session.get(Conversation, person_id)

    async def set(self, person_id: int, flow: str, step: str, now: datetime, record_id: int | None = None) -> None:
        """Put the person on this step: one statement on the table, as on every tap the ORM's
        read-then-write took two round trips and more CPU. A copy this session loaded is kept
        in step."""
        await self.set_many([(person_id, flow, step, now, record_id)])
        if (loaded := self._loaded(person_id)) is not None:
            for name, value in zip(_STEP_COLUMNS, (flow, step, record_id, now), strict=True):
                set_committed_value(loaded, name, value)

    async def set_many(self, rows: Iterable[tuple[int, str, str, datetime, int | None]]) -> None:
        """`set` for several people at once, in one statement: (person_id, flow, step, now, record_id)."""
        values = [
            dict(person_id=person_id, flow=flow, step=step, updated_at=now, record_id=record_id)
            for person_id, flow, step, now, record_id in rows
        ]
        if values:  # one row as one set of parameters: a list would be an executemany
            await self.session.execute(
                _conversation_upsert(self.session.bind.dialect.name), values if len(values) > 1 else values[0]
            )

    async def end(self, person_id: int) -> None:
        table = Conversation.__table__
        await self.session.execute(delete(table).where(table.c.person_id == person_id))
        if (loaded := self._loaded(person_id)) is not None:
            self.session.expunge(loaded)

    def _loaded(self, person_id: int) -> Conversation | None:
        return self.session.identity_map.get(identity_key(Conversation, person_id))


class Escalations:
    """Seek-care messages that were sent."""

    def __init__(self, session: AnySession):
        self.session = session

    async def add(self, escalation: Escalation) -> Escalation:
        self.session.add(escalation)
        await self.session.flush()
        return escalation

    async def get(self, escalation_id: int, person_id: int) -> Escalation | None:
        """The escalation, only if it belongs to this person."""
        escalation = await self.session.get(Escalation, escalation_id)
        return escalation if escalation is not None and escalation.person_id == person_id else None

    async def triggers_since(self, person_id: int, since: datetime) -> set[str]:
        """Every trigger id the person was already advised about since a moment."""
        result = await self.session.execute(
            select(Escalation.triggers).where(Escalation.person_id == person_id, col(Escalation.created_at) >= since)
        )
        return {trigger for (triggers,) in result.all() for trigger in triggers}

    async def soon_since(self, person_id: int, since: datetime) -> bool:
        """Whether the person was advised to see a GP soon since a moment."""
        result = await self.session.execute(
            select(Escalation.id)
            .where(Escalation.person_id == person_id, Escalation.tier == "soon", col(Escalation.created_at) >= since)
            .limit(1)
        )
        return result.first() is not None

    async def for_person(self, person_id: int) -> Sequence[Escalation]:
        result = await self.session.execute(
            select(Escalation).where(Escalation.person_id == person_id).order_by(col(Escalation.id))
        )
        return result.scalars().all()


class Reminders:
    """Reminders planned ahead as rows, claimed with a lease when due."""

    def __init__(self, session: AnySession):
        self.session = session

    async def plan(self, person_id: int, slots: Iterable[tuple[str, str, datetime]]) -> None:
        """Write (kind, local_key, due_at) slots; a slot already written, in any state, is kept as it is."""
        await self.plan_many((person_id, kind, key, due_at) for kind, key, due_at in slots)

    async def plan_many(self, slots: Iterable[tuple[int, str, str, datetime]]) -> None:
        """`plan` for many people in one statement: (person_id, kind, local_key, due_at) slots."""
        rows = [
            dict(
                person_id=person_id,
                kind=kind,
                local_key=key,
                due_at=due_at,
                available_at=due_at,
                status="pending",
                attempts=0,
            )
            for person_id, kind, key, due_at in slots
        ]
        if rows:
            await self.session.execute(
                _dialect_insert(self.session.bind.dialect.name, Reminder).on_conflict_do_nothing(), rows
            )

    async def claim(self, now: datetime, lease_until: datetime, limit: int) -> Sequence[Reminder]:
        """Take up to `limit` due reminders (or ones whose sender's lease ran out) until `lease_until`.

        On PostgreSQL the candidate rows are locked with SKIP LOCKED, so several instances claim
        disjoint batches; SQLite serialises writers anyway. Rows whose lease ran out go first, then
        due ones; each status is one range of the claim index, read in order, so a claim costs
        the rows it takes however long the backlog.
        """
        claimed: list[Reminder] = []
        for status in ("sending", "pending"):
            if len(claimed) >= limit:
                break
            due = (
                select(Reminder.id)
                .where(col(Reminder.status) == status, col(Reminder.available_at) <= now)
                .order_by(col(Reminder.available_at), col(Reminder.person_id))
                .limit(limit - len(claimed))
                .with_for_update(skip_locked=True)
            )
            result = await self.session.scalars(
                update(Reminder)
                .where(col(Reminder.id).in_(due.scalar_subquery()))
                .values(status="sending", available_at=lease_until, attempts=Reminder.attempts + 1)
                .returning(Reminder),
                execution_options={"synchronize_session": False},
            )
            claimed += result.all()
        return sorted(claimed, key=lambda row: (row.person_id, row.due_at, row.id))

    async def set(self, reminder_ids: Iterable[int], **values) -> None:
        """Update the given rows (status, reason, sent_at, message_id, ...)."""
        ids = list(reminder_ids)
        if ids:
            await self.session.execute(
                update(Reminder).where(_among(self.session, col(Reminder.id), ids)).values(**values),
                execution_options={"synchronize_session": False},
            )

    async def mark_sent(self, sent: Iterable[tuple[int, int | None, int | None]], sent_at: datetime) -> None:
        """Record rows as sent, each with its message and group, in one statement: (id, message_id, group_id)."""
        values = [
            dict(id=row_id, status="sent", sent_at=sent_at, message_id=message_id, group_id=group)
            for row_id, message_id, group in sent
        ]
        if values:
            await self.session.execute(update(Reminder), values)

    async def sent_group(self, group_id: int, person_id: int) -> Sequence[Reminder]:
        """The reminders sent together in one message, only if they belong to this person."""
        result = await self.session.execute(
            select(Reminder)
            .where(Reminder.group_id == group_id, Reminder.person_id == person_id)
            .order_by(col(Reminder.id))
        )
        return result.scalars().all()

    async def pending_of_kind(self, person_id: int, kind: str, local_date: str) -> Sequence[Reminder]:
        """The person's reminders of one kind still to come on a local date."""
        result = await self.session.execute(
            select(Reminder).where(
                Reminder.person_id == person_id,
                Reminder.kind == kind,
                Reminder.status == "pending",
                col(Reminder.local_key).startswith(local_date),
            )
        )
        return result.scalars().all()

    async def forget_planned(self, person_id: int, kinds: Iterable[str]) -> None:
        """Delete the person's unsent planned reminders, so they can be planned again from new settings."""
        await self.session.execute(
            delete(Reminder).where(
                col(Reminder.person_id) == person_id,
                col(Reminder.status) == "pending",
                col(Reminder.kind).in_(list(kinds)),
            )
        )

    async def forget_link(self, link_id: int) -> None:
        """Delete the unsent summaries and alerts planned for one caregiver link."""
        await self.session.execute(
            delete(Reminder).where(
                col(Reminder.status) == "pending",
                col(Reminder.kind).startswith("care_"),
                col(Reminder.local_key).startswith(f"{link_id}|"),
            )
        )

    async def for_person(self, person_id: int) -> Sequence[Reminder]:
        result = await self.session.execute(
            select(Reminder).where(Reminder.person_id == person_id).order_by(col(Reminder.due_at))
        )
        return result.scalars().all()


class Caregivers:
    """Invitations and the links between a person and the people they share with."""

    def __init__(self, session: AnySession):
        self.session = session

    async def add(self, row: CaregiverInvite | CaregiverLink) -> CaregiverInvite | CaregiverLink:
        self.session.add(row)
        await self.session.flush()
        return row

    async def draft(self, invite_id: int, person_id: int) -> CaregiverInvite | None:
        """An invitation still being drafted, only if it is this person's."""
        invite = await self.session.get(CaregiverInvite, invite_id)
        ok = invite is not None and invite.person_id == person_id and invite.code_hash is None
        return invite if ok else None

    async def invite_by_hash(self, code_hash: str) -> CaregiverInvite | None:
        result = await self.session.execute(select(CaregiverInvite).where(CaregiverInvite.code_hash == code_hash))
        return result.scalar_one_or_none()

    async def use_invite(self, invite_id: int, now: datetime) -> bool:
        """Mark an invitation used, only if it was not already: True if this caller won."""
        result = await self.session.execute(
            update(CaregiverInvite)
            .where(col(CaregiverInvite.id) == invite_id, col(CaregiverInvite.used_at).is_(None))
            .values(used_at=now)
        )
        return result.rowcount == 1

    async def link(self, link_id: int) -> CaregiverLink | None:
        return await self.session.get(CaregiverLink, link_id)

    async def active_link(self, person_id: int, caregiver_user_id: int) -> CaregiverLink | None:
        result = await self.session.execute(
            select(CaregiverLink).where(
                CaregiverLink.person_id == person_id,
                CaregiverLink.caregiver_user_id == caregiver_user_id,
                col(CaregiverLink.ended_at).is_(None),
            )
        )
        return result.scalars().first()

    async def sharing_with(self, person_id: int) -> Sequence[CaregiverLink]:
        """The person's active links: who they share with."""
        result = await self.session.execute(
            select(CaregiverLink)
            .where(CaregiverLink.person_id == person_id, col(CaregiverLink.ended_at).is_(None))
            .order_by(col(CaregiverLink.id))
        )
        return result.scalars().all()

    async def following(self, caregiver_user_id: int) -> list[tuple[CaregiverLink, Person]]:
        """The active links where this Telegram user is the caregiver, with the person they follow."""
        result = await self.session.execute(
            select(CaregiverLink, Person)
            .join(Person, col(Person.id) == CaregiverLink.person_id)
            .where(CaregiverLink.caregiver_user_id == caregiver_user_id, col(CaregiverLink.ended_at).is_(None))
            .order_by(col(CaregiverLink.id))
        )
        return [(link, person) for link, person in result.all()]

    async def to_plan(self, planned_before: datetime, limit: int) -> Sequence[CaregiverLink]:
        """Active links with a time zone whose written-ahead summaries end before a moment."""
        result = await self.session.execute(
            select(CaregiverLink)
            .where(
                col(CaregiverLink.ended_at).is_(None),
                col(CaregiverLink.timezone).is_not(None),
                or_(col(CaregiverLink.planned_until).is_(None), col(CaregiverLink.planned_until) < planned_before),
            )
            .limit(limit)
        )
        return result.scalars().all()

    async def as_caregiver(self, caregiver_user_id: int) -> Sequence[CaregiverLink]:
        """Every link, active or ended, where this Telegram user is the caregiver."""
        result = await self.session.execute(
            select(CaregiverLink).where(CaregiverLink.caregiver_user_id == caregiver_user_id)
        )
        return result.scalars().all()

    async def erase_as_caregiver(self, caregiver_user_id: int) -> None:
        """Delete every link where this Telegram user is the caregiver, and the summaries planned for them."""
        for link in await self.as_caregiver(caregiver_user_id):
            await self.session.execute(
                delete(Reminder).where(
                    col(Reminder.local_key).startswith(f"{link.id}|"), col(Reminder.kind).startswith("care_")
                )
            )
            await self.session.delete(link)


class Screenings:
    """STarT Back questionnaires."""

    def __init__(self, session: AnySession):
        self.session = session

    async def add(self, screening: Screening) -> Screening:
        self.session.add(screening)
        await self.session.flush()
        return screening

    async def get(self, screening_id: int, person_id: int) -> Screening | None:
        """The screening, only if it belongs to this person."""
        screening = await self.session.get(Screening, screening_id)
        return screening if screening is not None and screening.person_id == person_id else None

    async def completed(self, person_id: int) -> Sequence[Screening]:
        """The person's finished screenings, oldest first."""
        result = await self.session.execute(
            select(Screening)
            .where(Screening.person_id == person_id, col(Screening.completed_at).is_not(None))
            .order_by(col(Screening.completed_at))
        )
        return result.scalars().all()


class PersonalData:
    """Everything stored about one Telegram user: for /export, and for /delete to erase.

    That is their rows as a coached person, and the links where they are someone's caregiver.
    """

    # Every table that holds a person's data, erased children first.
    TABLES = (Reminder, CheckIn, Escalation, Conversation, CaregiverInvite, CaregiverLink, Screening, Episode)
    # what a person's own export leaves out of each link: the caregiver's Telegram ids and zone are theirs
    CAREGIVERS_OWN = ("caregiver_user_id", "caregiver_chat_id", "timezone", "planned_until")

    def __init__(self, session: AnySession):
        self.session = session

    async def export(self, telegram_user_id: int) -> dict[str, list[dict]] | None:
        """Every row about the user, table by table, as plain dicts; None if there is none."""
        person = await People(self.session).by_telegram_id(telegram_user_id)
        caring = [link.model_dump() for link in await Caregivers(self.session).as_caregiver(telegram_user_id)]
        if person is None and not caring:
            return None
        data: dict[str, list[dict]] = {"person": [person.model_dump()] if person else []}
        for model in self.TABLES:
            rows = []
            if person is not None:
                rows = [
                    row.model_dump(exclude=set(self.CAREGIVERS_OWN) if model is CaregiverLink else None)
                    for row in (await self.session.execute(select(model).where(model.person_id == person.id))).scalars()
                ]
            data[model.__tablename__] = rows
        data["caregiver_for"] = caring
        return data

    async def erase(self, telegram_user_id: int) -> None:
        """Delete every row about the user, explicitly rather than trusting cascades."""
        await Caregivers(self.session).erase_as_caregiver(telegram_user_id)
        person = await People(self.session).by_telegram_id(telegram_user_id)
        if person is None:
            return
        for model in self.TABLES:
            await self.session.execute(delete(model).where(col(model.person_id) == person.id))
        await self.session.execute(delete(Person).where(col(Person.id) == person.id))


class UnitOfWork:
    """One transaction's repositories, sharing its session."""

    def __init__(self, session: AnySession):
        self.session = session
        self.after_commit: list[Awaitable] = []
        self.people = People(session)
        self.episodes = Episodes(session)
        self.checkins = CheckIns(session)
        self.conversations = Conversations(session)
        self.escalations = Escalations(session)
        self.reminders = Reminders(session)
        self.caregivers = Caregivers(session)
        self.screenings = Screenings(session)
        self.personal_data = PersonalData(session)

    def on_commit(self, action: Awaitable) -> None:
        """Await `action` once this unit of work has committed (dropped if it fails). For a reply
        decided inside, such as "This button has expired": awaited there, Telegram's round trip
        would hold SQLite's one writer, or a PostgreSQL transaction, and every other reply and
        escalation would wait with it."""
        self.after_commit.append(action)
