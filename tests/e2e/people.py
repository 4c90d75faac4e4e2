"""A person using Telegram, for journeys: they type, tap buttons and read what the bot sent."""

from datetime import UTC, datetime, timedelta

from sqlmodel import select

from storage.database import Database
from storage.models import Person as PersonRow
from tests.botapi import BotApiDouble


class Clock:
    """A controllable clock handed to the application as its `now`."""

    def __init__(self, start: datetime):
        self.current = start

    def now(self) -> datetime:
        return self.current

    def advance(self, **delta: float) -> None:
        self.current += timedelta(**delta)

    def set(self, moment: datetime) -> None:
        self.current = moment.astimezone(UTC)


class Person:
    """One Telegram user talking to the bot in a private chat."""

    def __init__(self, api: BotApiDouble, user_id: int, name: str = "Alex"):
        self.api, self.id, self.name = api, user_id, name
        self.read = 0  # the newest bot message id this person has read (ids only grow)

    async def send(self, text: str) -> None:
        """Type and send a message."""
        self.api.send_text(self.id, text, first_name=self.name)

    async def tap(self, label: str) -> None:
        """Tap the button containing `label` on the newest message that has it."""
        for message in reversed(self.api.sent(self.id)):
            if any(label.casefold() in text.casefold() for text, _ in self.api.buttons(message)):
                self.api.press_button(self.id, message, label)
                return
        raise AssertionError(f"no button {label!r}; last messages: {self.texts()[-3:]}")

    async def expect(self, contains: str, timeout: float = 5.0) -> dict:
        """Wait for a new message containing `contains`; everything before it counts as read."""
        message = await self.api.wait_for(
            self.id, contains, timeout=timeout, predicate=lambda m: m["message_id"] > self.read
        )
        self.read = message["message_id"]
        return message

    async def answer(self, prompt: str, label: str) -> None:
        """Wait for a question, then tap an answer."""
        await self.expect(prompt)
        await self.tap(label)

    def texts(self) -> list[str]:
        """Everything the bot sent this person, as it reads now."""
        return [m.get("text") or m.get("caption") or "" for m in self.api.sent(self.id)]


async def stored(database_url: str, model, telegram_id: int) -> list:
    """Rows of `model` the database holds for a person, oldest first."""
    database = Database(database_url)
    try:
        async with database.unit() as uow:
            person = await uow.people.by_telegram_id(telegram_id)
            if person is None or model is PersonRow:
                return [person] if person else []
            result = await uow.session.execute(select(model).where(model.person_id == person.id).order_by(model.id))
            return list(result.scalars())
    finally:
        await database.close()


async def complete_checkin(
    person: Person,
    *,
    pain: str = "4",
    trend: str = "Better",
    sessions: str = "2",
    stretches: str = "1",
    heat: str | None = None,
    note: str | None = None,
) -> None:
    """Answer every question of a check-in whose first question is on screen (a note is typed)."""
    await person.tap(pain)
    await person.answer("Compared with yesterday", trend)
    await person.answer("have you had any of these", "None of these")
    await person.answer("sessions of 15–20 minutes", sessions)
    await person.answer("stretch or take a short walk", stretches)
    await person.answer("glasses of water", "6–8")
    if heat:
        await person.answer("How did the heat feel", heat)
    if note:
        await person.expect("Anything else you'd like to note")
        await person.send(note)
    else:
        await person.answer("Anything else you'd like to note", "Skip")
