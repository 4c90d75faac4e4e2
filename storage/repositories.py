"""Repositories: every query the bot makes, grouped by what it is about, inside one unit of work."""

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import delete, func, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from storage.models import CheckIn, Conversation, Episode, Escalation, Person


class People:
    """People who agreed to be coached."""

    def __init__(self, session: AsyncSession):
        self.session = session

    async def by_telegram_id(self, telegram_user_id: int) -> Person | None:
        result = await self.session.execute(select(Person).where(Person.telegram_user_id == telegram_user_id))
        return result.scalar_one_or_none()

    async def add(self, person: Person) -> Person:
        self.session.add(person)
        await self.session.flush()
        return person

    async def mark_reachable(self, telegram_user_id: int) -> None:
        """The person wrote to the bot: if they had blocked it, they have unblocked it."""
        await self.session.execute(
            update(Person)
            .where(col(Person.telegram_user_id) == telegram_user_id, col(Person.blocked_at).is_not(None))
            .values(blocked_at=None)
        )

    async def claim_checkin(self, person_id: int, due_at: datetime, next_at: datetime | None) -> bool:
        """Move a due check-in on to its next time, only if no one else has: True if this caller won."""
        result = await self.session.execute(
            update(Person).where(col(Person.id) == person_id, col(Person.next_checkin_at) == due_at).values(next_checkin_at=next_at)
        )
        return result.rowcount == 1

    async def due_for_checkin(self, now: datetime, limit: int = 200) -> Sequence[Person]:
        """Onboarded, unpaused, reachable people whose check-in time has come."""
        result = await self.session.execute(
            select(Person)
            .where(
                col(Person.next_checkin_at) <= now,
                col(Person.paused_at).is_(None),
                col(Person.blocked_at).is_(None),
                col(Person.onboarded_at).is_not(None),
            )
            .order_by(col(Person.next_checkin_at))
            .limit(limit)
        )
        return result.scalars().all()


class Episodes:
    """Episodes of back symptoms."""

    def __init__(self, session: AsyncSession):
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

    async def cold_phase_ended(self, now: datetime, cold_period: timedelta, limit: int = 200) -> list[tuple[Episode, Person]]:
        """Episodes still announced as cold whose 48 hours are over, with their reachable owner."""
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
        )
        return [(episode, person) for episode, person in result.all()]


class CheckIns:
    """Check-ins and their answers."""

    def __init__(self, session: AsyncSession):
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

    async def mark_missed(self, person_id: int, started_before: datetime) -> int:
        """Close the person's check-ins still open from before a moment as missed; returns how many."""
        result = await self.session.execute(
            update(CheckIn)
            .where(col(CheckIn.person_id) == person_id, col(CheckIn.status) == "open", col(CheckIn.started_at) < started_before)
            .values(status="missed")
        )
        return result.rowcount

    async def heat_worse_count(self, episode_id: int) -> int:
        """How many times heat was reported to make it worse in this episode."""
        result = await self.session.execute(
            select(func.count()).select_from(CheckIn).where(CheckIn.episode_id == episode_id, CheckIn.heat_effect == "worse")
        )
        return result.scalar_one()

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

    def __init__(self, session: AsyncSession):
        self.session = session

    async def get(self, person_id: int) -> Conversation | None:
        return await self.session.get(Conversation, person_id)

    async def set(self, person_id: int, flow: str, step: str, now: datetime, record_id: int | None = None) -> Conversation:
        conversation = await self.get(person_id)
        if conversation is None:
            conversation = Conversation(person_id=person_id, flow=flow, step=step, updated_at=now)
            self.session.add(conversation)
        conversation.flow, conversation.step, conversation.record_id, conversation.updated_at = flow, step, record_id, now
        await self.session.flush()
        return conversation

    async def end(self, person_id: int) -> None:
        conversation = await self.get(person_id)
        if conversation is not None:
            await self.session.delete(conversation)
            await self.session.flush()


class Escalations:
    """Seek-care messages that were sent."""

    def __init__(self, session: AsyncSession):
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

    async def for_person(self, person_id: int) -> Sequence[Escalation]:
        result = await self.session.execute(
            select(Escalation).where(Escalation.person_id == person_id).order_by(col(Escalation.id))
        )
        return result.scalars().all()


class PersonalData:
    """Everything stored about one person: for /export, and for /delete to erase."""

    # Every table that holds a person's data, erased children first.
    TABLES = (CheckIn, Escalation, Conversation, Episode)

    def __init__(self, session: AsyncSession):
        self.session = session

    async def export(self, person: Person) -> dict[str, list[dict]]:
        """Every row about the person, table by table, as plain dicts."""
        data: dict[str, list[dict]] = {"person": [person.model_dump()]}
        for model in self.TABLES:
            result = await self.session.execute(select(model).where(model.person_id == person.id))
            data[model.__tablename__] = [row.model_dump() for row in result.scalars()]
        return data

    async def erase(self, person_id: int) -> None:
        """Delete every row about the person, explicitly rather than trusting cascades."""
        for model in self.TABLES:
            await self.session.execute(delete(model).where(col(model.person_id) == person_id))
        await self.session.execute(delete(Person).where(col(Person.id) == person_id))


class UnitOfWork:
    """One transaction's repositories, sharing its session."""

    def __init__(self, session: AsyncSession):
        self.session = session
        self.people = People(session)
        self.episodes = Episodes(session)
        self.checkins = CheckIns(session)
        self.conversations = Conversations(session)
        self.escalations = Escalations(session)
        self.personal_data = PersonalData(session)
