"""What every handler and job can reach: the database, the clock and the settings."""

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from telegram.ext import Application, CallbackContext, ExtBot

from coach.alerts import AlertWindow
from flows.config import Settings
from storage.database import Database
from storage.models import CaregiverLink, Person


def system_clock() -> datetime:
    """The real time, in UTC."""
    return datetime.now(UTC)


@dataclass
class Services:
    """The application's collaborators, created once by the factory."""

    db: Database
    settings: Settings
    clock: Callable[[], datetime] = system_clock
    alerts: AlertWindow = field(default_factory=AlertWindow)
    # person id -> the links their last escalation alert went to, for when the database cannot be read
    alert_links: dict[int, list[CaregiverLink]] = field(default_factory=dict)
    background: set[asyncio.Task[None]] = field(default_factory=set)  # escalations waiting to be stored
    # Telegram user id -> their Person as last looked up, for advice while the database is slow
    people_seen: dict[int, Person] = field(default_factory=dict)
    retrying: dict[int, list[BaseException]] = field(default_factory=dict)  # update id -> its later tries' errors


class CoachContext(CallbackContext[ExtBot, dict, dict, dict]):
    """PTB's context, plus the services and the escalation outcome of the current update."""

    def __init__(self, application: Application, chat_id: int | None = None, user_id: int | None = None):
        super().__init__(application, chat_id=chat_id, user_id=user_id)
        self.escalated = False  # set by the safety handler when this update already got a seek-care reply

    @property
    def services(self) -> Services:
        return self.application.bot_data["services"]

    @property
    def db(self) -> Database:
        return self.services.db

    def now(self) -> datetime:
        """The current time from the application's clock."""
        return self.services.clock()
