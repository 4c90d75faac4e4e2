"""A person using Telegram, for journeys: they type, tap buttons and read what the bot sent."""

from datetime import UTC, datetime, timedelta

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
        message = await self.api.wait_for(self.id, contains, timeout=timeout, predicate=lambda m: m["message_id"] > self.read)
        self.read = message["message_id"]
        return message

    async def answer(self, prompt: str, label: str) -> None:
        """Wait for a question, then tap an answer."""
        await self.expect(prompt)
        await self.tap(label)

    def texts(self) -> list[str]:
        """Everything the bot sent this person, as it reads now."""
        return [m.get("text") or m.get("caption") or "" for m in self.api.sent(self.id)]
