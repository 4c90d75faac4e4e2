"""Telegram's side of the conversation: users, chats, messages, files and pending updates."""

import asyncio
import contextlib
import itertools
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from .shapes import JSON, StoredFile, UploadedFile

T = TypeVar("T")

# Update types Telegram leaves out unless a bot asks for them in allowed_updates.
_OPT_IN_UPDATES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})


class Signal:
    """Wakes every asyncio waiter whenever something in the double changes."""

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def notify(self) -> None:
        """Wakes all current waiters."""
        self._event.set()
        self._event = asyncio.Event()

    async def wait_until(self, ready: Callable[[], T], timeout: float | None, *, step: float | None = None) -> T:
        """Returns ready()'s first truthy result, or its last result once ``timeout`` passes.

        ``step`` bounds each sleep, for conditions that change with time alone.
        """
        loop = asyncio.get_running_loop()
        deadline = None if timeout is None else loop.time() + timeout
        while True:
            event = self._event
            result = ready()
            remaining = None if deadline is None else deadline - loop.time()
            if result or (remaining is not None and remaining <= 0):
                return result
            wait = remaining
            if step is not None:
                wait = step if wait is None else min(wait, step)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(event.wait(), wait)


@dataclass
class Webhook:
    """The webhook set with setWebhook."""

    url: str
    secret_token: str | None
    max_connections: int
    last_error_date: int | None = None
    last_error_message: str | None = None


class World:
    """The state behind the Bot API: what exists on Telegram's side."""

    def __init__(self, bot: JSON) -> None:
        self.bot = bot
        self.changed = Signal()
        self.closed = False
        self.users: dict[int, JSON] = {}
        self.groups: dict[int, JSON] = {}
        self.messages: dict[tuple[int, int], JSON] = {}
        self.deleted: dict[int, list[JSON]] = defaultdict(list)
        self.reply_keyboards: dict[int, JSON] = {}
        self.updates: list[JSON] = []
        self.allowed_updates: list[str] = []
        self.webhook: Webhook | None = None
        self.files: dict[str, StoredFile] = {}
        self.uploads: dict[int, list[UploadedFile]] = defaultdict(list)
        self.callback_queries: dict[str, bool] = {}
        self.answered_callbacks: list[JSON] = []
        self.commands: dict[tuple[str, str], list[JSON]] = {}
        self.blocked: set[int] = set()
        self._bot_message_ids: dict[int, list[int]] = defaultdict(list)
        self._versions: dict[tuple[int, int], int] = {}
        self._chat_versions: dict[int, int] = defaultdict(int)
        self._last_message_id: dict[int, int] = defaultdict(int)
        self._next_update_id = 1
        self._ids = itertools.count(1)

    # --------------------------------------------------------------------------- users, chats

    def user(self, user_id: int, **profile: str | None) -> JSON:
        """The user's profile, created on first use; given non-None fields update it."""
        user = self.users.setdefault(
            user_id,
            {
                "id": user_id,
                "is_bot": False,
                "first_name": "Alex",
                "username": f"user{user_id}",
                "language_code": "en",
            },
        )
        user.update({key: value for key, value in profile.items() if value is not None})
        return user

    def group(self, chat_id: int, chat_type: str, title: str | None = None) -> JSON:
        """A group, supergroup or channel chat, created on first use."""
        chat = self.groups.setdefault(chat_id, {"id": chat_id, "type": chat_type, "title": ""})
        chat["title"] = title or chat["title"] or f"Test {chat_type} {chat_id}"
        return chat

    def chat(self, chat_id: int) -> JSON:
        """The chat object for an id: a private chat has the user's id and name."""
        if chat_id in self.groups:
            return dict(self.groups[chat_id])
        if chat_id < 0:
            kind = "supergroup" if str(chat_id).startswith("-100") else "group"
            return dict(self.group(chat_id, kind))
        user = self.user(chat_id)
        names = ("first_name", "last_name", "username")
        return {"id": chat_id, "type": "private", **{k: user[k] for k in names if k in user}}

    def find_chat(self, username: str) -> int | None:
        """The id of the chat or user with that @username."""
        for chat in (*self.groups.values(), *self.users.values()):
            if chat.get("username", "").lower() == username.lower():
                return int(chat["id"])
        return None

    # ------------------------------------------------------------------------------ messages

    def new_message(self, chat_id: int, sender: JSON, content: JSON) -> JSON:
        """Stores a new message in the chat, with the chat's next message_id."""
        self._last_message_id[chat_id] += 1
        message_id = self._last_message_id[chat_id]
        message = {
            "message_id": message_id,
            "from": dict(sender),
            "chat": self.chat(chat_id),
            "date": int(time.time()),
            **content,
        }
        self.messages[chat_id, message_id] = message
        if sender["id"] == self.bot["id"]:
            self._bot_message_ids[chat_id].append(message_id)
            self.touch(message)
        return message

    def touch(self, message: JSON) -> None:
        """Records that a bot message was sent or changed, for wait_for's ``since``."""
        chat_id = message["chat"]["id"]
        self._chat_versions[chat_id] += 1
        self._versions[chat_id, message["message_id"]] = self._chat_versions[chat_id]
        self.changed.notify()

    def version(self, chat_id: int) -> int:
        """How many times the bot has sent or changed a message in the chat."""
        return self._chat_versions[chat_id]

    def bot_messages(self, chat_id: int) -> Iterator[tuple[JSON, int]]:
        """The bot's existing messages in the chat in send order, with their last change."""
        for message_id in self._bot_message_ids[chat_id]:
            message = self.messages.get((chat_id, message_id))
            if message is not None:
                yield message, self._versions[chat_id, message_id]

    def delete(self, message: JSON) -> None:
        """Removes a message from its chat."""
        chat_id = message["chat"]["id"]
        del self.messages[chat_id, message["message_id"]]
        self.deleted[chat_id].append(message)
        self.changed.notify()

    def store_file(self, folder: str, data: bytes, extension: str, meta: JSON) -> StoredFile:
        """Keeps file bytes under a new file_id; ``meta`` goes into the file's JSON shape."""
        number = next(self._ids)
        stored = StoredFile(
            file_id=f"{folder}-file-{number}",
            file_unique_id=f"u{number}",
            file_path=f"{folder}/file_{number}.{extension}",
            data=data,
            meta=meta,
        )
        self.files[stored.file_id] = stored
        return stored

    def new_callback_query_id(self) -> str:
        """A fresh callback query id that can be answered once."""
        query_id = str(4_000_000_000_000 + next(self._ids))
        self.callback_queries[query_id] = False
        return query_id

    # ------------------------------------------------------------------------------- updates

    def push_update(self, update: JSON) -> JSON:
        """Queues an update with the next update_id, unless allowed_updates excludes its type."""
        update["update_id"] = self._next_update_id
        self._next_update_id += 1
        kind = next(key for key in update if key != "update_id")
        allowed = kind in self.allowed_updates if self.allowed_updates else kind not in _OPT_IN_UPDATES
        if allowed:
            self.updates.append(update)
            self.changed.notify()
        return update

    def confirm(self, offset: int) -> None:
        """getUpdates' offset: forgets updates before it (a negative one keeps the last -offset)."""
        if offset < 0:
            self.updates = self.updates[offset:]
        else:
            self.updates = [u for u in self.updates if u["update_id"] >= offset]
        self.changed.notify()

    def delivered(self, update: JSON) -> None:
        """Forgets an update the webhook accepted."""
        self.updates = [u for u in self.updates if u["update_id"] != update["update_id"]]
        self.changed.notify()
