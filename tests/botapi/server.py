"""BotApiDouble: a local Telegram Bot API server that a real python-telegram-bot app can talk to."""

import asyncio
import contextlib
import copy
import inspect
import re
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Self

import aiohttp
from aiohttp import web

from .formatting import command_entities
from .methods import BotMethods, Handler, Params
from .shapes import JSON, ApiError, Call, FilePart, UploadedFile, decode_param, error_payload
from .world import Webhook, World

_TOKEN = re.compile(r"\d+:[\w-]+")
_MAX_UPLOAD = 50 * 1024 * 1024
_JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00test photo\xff\xd9"
_OGG = b"OggS\x00\x02test voice"
_WEBP = b"RIFF\x10\x00\x00\x00WEBPtest sticker"


@dataclass
class _Rule:
    """A planned fault or delay for the next ``times`` calls of a method."""

    method: str
    times: int
    chat_id: int | None = None
    status: int = 0
    description: str = ""
    retry_after: int | None = None
    seconds: float = 0.0


class BotApiDouble:
    """A Telegram Bot API double on 127.0.0.1: simulated users write, the bot's requests are kept.

    Use ``async with BotApiDouble() as api:`` and point PTB at ``api.base_url`` and
    ``api.base_file_url``. Everything runs on the caller's event loop.
    """

    def __init__(self, *, token: str = "123456:TEST-token", bot_username: str = "coach_test_bot") -> None:
        if not _TOKEN.fullmatch(token):
            raise ValueError(f"not a bot token: {token!r}")
        self.token = token
        self.bot_username = bot_username
        name = " ".join(part.capitalize() for part in bot_username.split("_"))
        bot = {"id": int(token.partition(":")[0]), "is_bot": True, "first_name": name}
        self._world = World({**bot, "username": bot_username})
        self._methods = BotMethods(self._world)
        self._handlers: dict[str, tuple[str, Handler]] = {
            name.lower(): (name, handler) for name, handler in self._methods.handlers.items()
        }
        self.calls: list[Call] = []
        self._faults: list[_Rule] = []
        self._delays: list[_Rule] = []
        self._drops: list[_Rule] = []
        self._in_flight = 0
        self._last_request = 0.0
        self._port: int | None = None
        self._runner: web.AppRunner | None = None
        self._delivery: asyncio.Task[None] | None = None

    # ------------------------------------------------------------------------------ lifecycle

    async def start(self) -> None:
        """Starts serving on a free port of 127.0.0.1."""
        app = web.Application(client_max_size=_MAX_UPLOAD)
        app.router.add_route("*", "/bot{token}/{method}", self._serve_method)
        app.router.add_get("/file/bot{token}/{path:.+}", self._serve_file)
        self._runner = web.AppRunner(app, handler_cancellation=True, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        await web.SockSite(self._runner, sock).start()
        self._port = sock.getsockname()[1]
        self._world.closed = False
        self._delivery = asyncio.create_task(self._deliver_webhooks(), name="BotApiDouble.webhooks")

    async def stop(self) -> None:
        """Ends pending long polls, stops webhook delivery and the server."""
        self._world.closed = True
        self._world.changed.notify()
        if self._delivery is not None:
            self._delivery.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._delivery
            self._delivery = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.stop()

    @property
    def base_url(self) -> str:
        """The URL to give ApplicationBuilder.base_url (PTB appends the token)."""
        return f"{self._root}/bot"

    @property
    def base_file_url(self) -> str:
        """The URL to give ApplicationBuilder.base_file_url."""
        return f"{self._root}/file/bot"

    @property
    def _root(self) -> str:
        if self._port is None:
            raise RuntimeError("BotApiDouble is not started")
        return f"http://127.0.0.1:{self._port}"

    # ----------------------------------------------------------------------------------- HTTP

    async def _serve_method(self, request: web.Request) -> web.Response:
        call = Call(request.match_info["method"], {}, time.monotonic())
        self.calls.append(call)
        long_poll = call.method.lower() == "getupdates"
        if not long_poll:
            self._in_flight += 1
            self._touch()
        try:
            call.status, call.response = await self._respond(request, call)
        except asyncio.CancelledError:
            call.status = 499
            raise
        finally:
            if not long_poll:
                self._in_flight -= 1
                self._touch()
        return web.json_response(call.response, status=call.status)

    async def _respond(self, request: web.Request, call: Call) -> tuple[int, JSON]:
        token = request.match_info["token"]
        if token != self.token:
            if _TOKEN.fullmatch(token):
                return 401, error_payload(401, "Unauthorized")
            return 404, error_payload(404, "Not Found")
        try:
            call.params = await _read_params(request)
        except ValueError:
            return 400, error_payload(400, "Bad Request: can't parse JSON object")
        known = self._handlers.get(call.method.lower())
        if known is None:
            return 404, error_payload(404, "Not Found")
        call.method, handler = known
        if delay := _take(self._delays, call):
            await asyncio.sleep(delay.seconds)
        if _take(self._drops, call):
            # The connection dies without an answer (a network fault): the client sees it reset.
            if request.transport is not None:
                request.transport.abort()
            await asyncio.sleep(3600)  # cancelled as soon as aiohttp notices the lost connection
        if fault := _take(self._faults, call):
            return fault.status, error_payload(fault.status, fault.description, fault.retry_after)
        try:
            result = handler(call.params)
            if inspect.isawaitable(result):
                result = await result
        except ApiError as error:
            return error.status, error.payload()
        return 200, {"ok": True, "result": copy.deepcopy(result)}

    async def _serve_file(self, request: web.Request) -> web.Response:
        path = request.match_info["path"]
        stored = next((f for f in self._world.files.values() if f.file_path == path), None)
        if request.match_info["token"] != self.token or stored is None:
            return web.json_response(error_payload(404, "Not Found"), status=404)
        return web.Response(body=stored.data, content_type="application/octet-stream")

    def _touch(self) -> None:
        self._last_request = time.monotonic()
        self._world.changed.notify()

    async def _deliver_webhooks(self) -> None:
        """Background task: POSTs pending updates to the webhook one at a time, in order."""
        world = self._world
        failures = 0
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10)) as session:
            while True:
                await world.changed.wait_until(lambda: world.webhook and world.updates, None)
                hook, update = world.webhook, world.updates[0]
                assert hook is not None
                error = await _post_update(session, hook, update)
                if error is None:
                    world.delivered(update)
                    failures = 0
                    continue
                hook.last_error_date, hook.last_error_message = int(time.time()), error
                failures += 1
                await asyncio.sleep(min(0.05 * 2**failures, 1.0))

    # ------------------------------------------------------------------------- simulated users

    def add_user(
        self,
        user_id: int,
        *,
        first_name: str = "Alex",
        last_name: str | None = None,
        username: str | None = None,
        language_code: str = "en",
    ) -> JSON:
        """Sets a user's profile (by default: Alex, @user<id>, "en"); returns the User object."""
        profile = {"first_name": first_name, "last_name": last_name, "language_code": language_code}
        user = self._world.user(user_id, **profile, username=username)
        return copy.deepcopy(user)

    def send_text(
        self,
        user_id: int,
        text: str,
        *,
        first_name: str | None = None,
        chat_type: str = "private",
        chat_id: int | None = None,
        language_code: str | None = None,
    ) -> JSON:
        """The user writes ``text``; a leading /command gets its bot_command entity."""
        self._world.user(user_id, first_name=first_name, language_code=language_code)
        if chat_type == "private":
            if chat_id not in (None, user_id):
                raise ValueError("a private chat's id is the user's id")
            chat_id = user_id
        elif chat_id is None:
            raise ValueError(f"a {chat_type} chat needs a chat_id")
        else:
            self._world.group(chat_id, chat_type)
        content: JSON = {"text": text}
        if entities := command_entities(text):
            content["entities"] = entities
        return self._user_message(user_id, content, chat_id=chat_id)

    def send_command(
        self,
        user_id: int,
        command: str,
        args: str = "",
        *,
        chat_type: str = "private",
        chat_id: int | None = None,
    ) -> JSON:
        """The user sends ``/command args``."""
        text = f"/{command.removeprefix('/')} {args}".strip()
        return self.send_text(user_id, text, chat_type=chat_type, chat_id=chat_id)

    def press(self, user_id: int, message: JSON | int, data: str) -> JSON:
        """The user presses a button with callback ``data`` on a bot message (or its message_id)."""
        if isinstance(message, dict):
            chat_id, message_id = message["chat"]["id"], message["message_id"]
        else:
            chat_id, message_id = user_id, message
        current = self._world.messages.get((chat_id, message_id))
        if current is None:
            if not isinstance(message, dict):
                raise AssertionError(f"no message {message_id} in chat {chat_id}")
            current = message
        query = {
            "id": self._world.new_callback_query_id(),
            "from": dict(self._world.user(user_id)),
            "message": current,
            "chat_instance": str(-4_000_000_000_000_000_000 - abs(chat_id)),
            "data": data,
        }
        return self.push_update({"callback_query": query})

    def press_button(self, user_id: int, message: JSON, label_contains: str) -> JSON:
        """Presses the inline button whose text contains the label (an exact match wins)."""
        buttons = self.buttons(message)
        label = label_contains.lower()
        matches = [b for b in buttons if b[0].lower() == label] or [b for b in buttons if label in b[0].lower()]
        if len(matches) != 1 or not matches[0][1]:
            problem = "no callback button" if not matches else f"{len(matches)} buttons"
            raise AssertionError(
                f"{problem} matching {label_contains!r} on message {message['message_id']}; buttons: {buttons}"
            )
        return self.press(user_id, message, matches[0][1])

    def send_location(self, user_id: int, latitude: float, longitude: float) -> JSON:
        """The user shares a location."""
        return self._user_message(user_id, {"location": {"latitude": latitude, "longitude": longitude}})

    def send_sticker(self, user_id: int, emoji: str = "👍") -> JSON:
        """The user sends a sticker."""
        meta = {"width": 512, "height": 512, "is_animated": False, "is_video": False}
        stored = self._world.store_file("stickers", _WEBP, "webp", {**meta, "type": "regular"})
        return self._user_message(user_id, {"sticker": {**stored.shape(), "emoji": emoji}})

    def send_photo(self, user_id: int, caption: str | None = None, *, data: bytes = _JPEG) -> JSON:
        """The user sends a photo (bytes downloadable through getFile)."""
        stored = self._world.store_file("photos", data, "jpg", {"width": 800, "height": 600})
        content: JSON = {"photo": [stored.shape()]}
        if caption is not None:
            content["caption"] = caption
        return self._user_message(user_id, content)

    def send_voice(self, user_id: int, *, duration: int = 3, data: bytes = _OGG) -> JSON:
        """The user sends a voice message."""
        meta = {"duration": duration, "mime_type": "audio/ogg"}
        stored = self._world.store_file("voice", data, "oga", meta)
        return self._user_message(user_id, {"voice": stored.shape()})

    def edit_text(self, user_id: int, message_id: int, new_text: str) -> JSON:
        """The user edits a text message of theirs in the private chat: an edited_message update."""
        message = self._world.messages.get((user_id, message_id))
        if message is None or message["from"]["id"] != user_id or "text" not in message:
            raise AssertionError(f"user {user_id} has no text message {message_id} to edit")
        message["text"] = new_text
        message.pop("entities", None)
        if entities := command_entities(new_text):
            message["entities"] = entities
        message["edit_date"] = int(time.time())
        return self.push_update({"edited_message": copy.deepcopy(message)})

    def block(self, user_id: int, *, notify: bool = True) -> JSON | None:
        """The user blocks the bot: a my_chat_member update, then 403 for anything sent there.

        ``notify=False`` leaves the update out (push it later with :meth:`member_update`), as
        when the bot sends before it has seen the update.
        """
        self._world.blocked.add(user_id)
        if not notify:
            return None
        return self.member_update(user_id, "member", "kicked")

    def unblock(self, user_id: int) -> JSON:
        """The user unblocks the bot."""
        self._world.blocked.discard(user_id)
        return self._member_update(user_id, "kicked", {"status": "member"})

    def member_update(self, user_id: int, old_status: str, new_status: str) -> JSON:
        """Queues a my_chat_member update for the private chat: the bot's status went from
        ``old_status`` to ``new_status`` ("member", "kicked")."""
        new: JSON = {"status": new_status}
        if new_status == "kicked":
            new["until_date"] = 0
        return self._member_update(user_id, old_status, new)

    def push_update(self, update: JSON) -> JSON:
        """Queues a raw update; assigns its update_id."""
        return copy.deepcopy(self._world.push_update(copy.deepcopy(update)))

    def _user_message(self, user_id: int, content: JSON, *, chat_id: int | None = None) -> JSON:
        user = self._world.user(user_id)
        message = self._world.new_message(user_id if chat_id is None else chat_id, user, content)
        return self.push_update({"message": message})

    def _member_update(self, user_id: int, old_status: str, new: JSON) -> JSON:
        bot = self._world.bot
        change = {
            "chat": self._world.chat(user_id),
            "from": dict(self._world.user(user_id)),
            "date": int(time.time()),
            # Telegram always gives a banned ("kicked") member's until_date; PTB requires it.
            "old_chat_member": {
                "user": bot,
                "status": old_status,
                **({"until_date": 0} if old_status == "kicked" else {}),
            },
            "new_chat_member": {"user": bot, **new},
        }
        return self.push_update({"my_chat_member": change})

    # ----------------------------------------------------------------------- what the bot did

    def sent(self, chat_id: int) -> list[JSON]:
        """The bot's messages in the chat as they are now (edits applied, deleted ones left out)."""
        return [copy.deepcopy(message) for message, _ in self._world.bot_messages(chat_id)]

    def last(self, chat_id: int) -> JSON:
        """The bot's latest existing message in the chat."""
        sent = self.sent(chat_id)
        if not sent:
            raise AssertionError(f"the bot has sent nothing to chat {chat_id}")
        return sent[-1]

    def mark(self, chat_id: int) -> int:
        """A position in the chat's history for wait_for(since=...).

        It counts the bot's sends and edits in the chat, so it equals len(sent(chat_id)) until the
        bot edits or deletes something; a message edited after the mark counts as new.
        """
        return self._world.version(chat_id)

    async def wait_for(
        self,
        chat_id: int,
        contains: str | None = None,
        *,
        timeout: float = 5.0,
        since: int = 0,
        predicate: Callable[[JSON], bool] | None = None,
    ) -> JSON:
        """Waits for a bot message sent or edited after ``since`` whose text or caption contains
        ``contains`` (case-insensitive) and that satisfies ``predicate``; returns it."""
        needle = (contains or "").lower()

        def find() -> JSON | None:
            for message, version in self._world.bot_messages(chat_id):
                if version > since and needle in _body(message).lower():
                    candidate = copy.deepcopy(message)
                    if predicate is None or predicate(candidate):
                        return candidate
            return None

        found = await self._world.changed.wait_until(find, timeout)
        if found is None:
            recent = [f"{m['message_id']}: {_body(m)!r}" for m in self.sent(chat_id)[-5:]]
            errors = [f"{c.method} {c.status}: {c.response}" for c in self.calls if c.status >= 400]
            raise AssertionError(
                f"no bot message in chat {chat_id} containing {contains!r} after mark {since} "
                f"within {timeout}s; last messages: {recent or 'none'}; "
                f"failed calls: {errors[-3:] or 'none'}"
            )
        return found

    async def idle(self, *, quiet: float = 0.3, timeout: float = 10.0) -> None:
        """Waits until every pending update was taken and no request came or ran for ``quiet`` s.

        A long-polling getUpdates doesn't count as activity.
        """

        def settled() -> bool:
            quiet_for = time.monotonic() - self._last_request
            return not self._world.updates and not self._in_flight and quiet_for >= quiet

        if not await self._world.changed.wait_until(settled, timeout, step=max(quiet / 4, 0.01)):
            raise AssertionError(
                f"bot not idle after {timeout}s: {len(self._world.updates)} pending updates, "
                f"{self._in_flight} requests in flight"
            )

    def buttons(self, message: JSON) -> list[tuple[str, str]]:
        """(text, callback_data) of the message's current inline keyboard; "" for url buttons."""
        key = (message["chat"]["id"], message["message_id"])
        current = self._world.messages.get(key, message)
        rows = current.get("reply_markup", {}).get("inline_keyboard", [])
        return [(b["text"], b.get("callback_data", "")) for row in rows for b in row]

    @property
    def answered_callbacks(self) -> list[JSON]:
        """The parameters of every successful answerCallbackQuery, in order."""
        return copy.deepcopy(self._world.answered_callbacks)

    def uploaded(self, chat_id: int) -> list[UploadedFile]:
        """Files the bot uploaded to the chat with sendPhoto/sendDocument."""
        return list(self._world.uploads[chat_id])

    def deleted(self, chat_id: int) -> list[JSON]:
        """Messages deleted in the chat, as they were when deleted."""
        return copy.deepcopy(self._world.deleted[chat_id])

    def reply_keyboard(self, chat_id: int) -> JSON | None:
        """The ReplyKeyboardMarkup the chat shows (sent and not yet removed), if any."""
        return copy.deepcopy(self._world.reply_keyboards.get(chat_id))

    def my_commands(self, *, scope: JSON | None = None, language_code: str = "") -> list[JSON]:
        """The commands set with setMyCommands for that scope (default) and language."""
        params: Params = {"scope": scope, "language_code": language_code}
        return copy.deepcopy(self._methods.get_my_commands(params))

    def webhook(self) -> Webhook | None:
        """The webhook set with setWebhook, with its last delivery error."""
        return copy.copy(self._world.webhook)

    def calls_to(self, method: str) -> list[Call]:
        """The calls of one method (case-insensitive)."""
        return [call for call in self.calls if call.method.lower() == method.lower()]

    # --------------------------------------------------------------------------------- faults

    def fail_next(
        self,
        method: str,
        *,
        status: int,
        description: str,
        retry_after: int | None = None,
        times: int = 1,
        chat_id: int | None = None,
    ) -> None:
        """Makes the next ``times`` calls of ``method`` (to ``chat_id``, if given) fail."""
        self._faults.append(_Rule(method.lower(), times, chat_id, status, description, retry_after))

    def delay(self, method: str, seconds: float, times: int = 1) -> None:
        """Makes the next ``times`` calls of ``method`` wait ``seconds`` before being handled."""
        self._delays.append(_Rule(method.lower(), times, seconds=seconds))

    def drop_next(self, method: str, *, times: int = 1, chat_id: int | None = None) -> None:
        """Makes the next ``times`` calls of ``method`` (to ``chat_id``, if given) end with the
        connection reset and no answer, as a network fault would; nothing is done for them."""
        self._drops.append(_Rule(method.lower(), times, chat_id))


def _take(rules: list[_Rule], call: Call) -> _Rule | None:
    """Uses up one matching rule, if any."""
    for rule in rules:
        if rule.method == call.method.lower() and rule.chat_id in (
            None,
            call.params.get("chat_id"),
        ):
            rule.times -= 1
            if rule.times <= 0:
                rules.remove(rule)
            return rule
    return None


def _body(message: JSON) -> str:
    return str(message.get("text") or message.get("caption") or "")


async def _read_params(request: web.Request) -> Params:
    """Parameters from the query string and a JSON, urlencoded or multipart body."""
    raw: dict[str, Any] = dict(request.query)
    if request.content_type == "application/json":
        body = await request.json()
        if not isinstance(body, dict):
            raise ValueError("the JSON body is not an object")
        raw.update(body)
    elif request.body_exists:
        for key, value in (await request.post()).items():
            if isinstance(value, web.FileField):
                raw[key] = FilePart(value.filename, value.file.read(), value.content_type)
            else:
                raw[key] = value if isinstance(value, str) else bytes(value).decode()
    return {key: decode_param(key, value) for key, value in raw.items()}


async def _post_update(session: aiohttp.ClientSession, hook: Webhook, update: JSON) -> str | None:
    """POSTs one update to the webhook; returns the delivery error, if any."""
    headers = {"X-Telegram-Bot-Api-Secret-Token": hook.secret_token} if hook.secret_token else {}
    try:
        async with session.post(hook.url, json=update, headers=headers) as response:
            if 200 <= response.status < 300:
                return None
            return f"Wrong response from the webhook: {response.status} {response.reason}"
    except (aiohttp.ClientError, TimeoutError) as error:
        return f"Connection failed: {error}"
