"""Proves the Bot API double works with the real, unmodified python-telegram-bot."""

import asyncio
import contextlib
import datetime as dtm
import json
import socket
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    Message,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest, Conflict, Forbidden, RetryAfter
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from . import BotApiDouble

App = Application[Any, Any, Any, Any, Any, Any]
USER = 1001
KEYBOARD = InlineKeyboardMarkup(
    [
        [InlineKeyboardButton("Warm", callback_data="warm")],
        [InlineKeyboardButton("Burning", callback_data="burn")],
    ]
)


async def on_start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.message is not None
    await update.message.reply_text(f"Welcome! args={context.args}", reply_markup=KEYBOARD)


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    assert query is not None
    await query.answer(f"Noted: {query.data}")
    await query.edit_message_text(f"You picked {query.data}")


async def on_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    assert message is not None and message.text is not None
    await message.reply_text(f"You said: {message.text}")


def build_app(api: BotApiDouble, errors: list[Exception] | None = None) -> App:
    app = ApplicationBuilder().token(api.token).base_url(api.base_url).base_file_url(api.base_file_url).build()
    app.add_handler(CommandHandler("start", on_start))
    app.add_handler(CallbackQueryHandler(on_button))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, on_text))
    if errors is not None:

        async def collect(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
            assert context.error is not None
            errors.append(context.error)

        app.add_error_handler(collect)
    return app


@contextlib.asynccontextmanager
async def polling(app: App, *, timeout: int = 1) -> AsyncIterator[App]:
    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0.0, timeout=timeout)
        try:
            yield app
        finally:
            await app.updater.stop()
            await app.stop()


@pytest.fixture
async def api() -> AsyncIterator[BotApiDouble]:
    async with BotApiDouble() as double:
        yield double


@pytest.fixture
async def app(api: BotApiDouble) -> AsyncIterator[App]:
    async with polling(build_app(api)) as application:
        yield application


async def test_start_press_and_edit(api: BotApiDouble, app: App) -> None:
    update = api.send_command(USER, "start", "ref42")
    assert update["message"]["entities"] == [{"offset": 0, "length": 6, "type": "bot_command"}]

    welcome = await api.wait_for(USER, "welcome")
    assert welcome["text"] == "Welcome! args=['ref42']"
    assert welcome["chat"] == {
        "id": USER,
        "type": "private",
        "first_name": "Alex",
        "username": f"user{USER}",
    }
    assert welcome["from"]["is_bot"] is True
    assert api.buttons(welcome) == [("Warm", "warm"), ("Burning", "burn")]

    since = api.mark(USER)
    api.press_button(USER, welcome, "warm")
    edited = await api.wait_for(USER, "you picked warm", since=since)

    assert edited["message_id"] == welcome["message_id"]
    assert "reply_markup" not in edited  # editMessageText without reply_markup drops the keyboard
    assert "edit_date" in edited
    assert [m["text"] for m in api.sent(USER)] == ["You picked warm"]
    assert api.answered_callbacks[0]["text"] == "Noted: warm"
    assert [c.method for c in api.calls if c.method not in ("getUpdates", "deleteWebhook")] == [
        "getMe",
        "sendMessage",
        "answerCallbackQuery",
        "editMessageText",
    ]
    assert all(c.status == 200 for c in api.calls if c.method != "getUpdates")


async def test_text_and_ids(api: BotApiDouble, app: App) -> None:
    assert app.bot.username == "coach_test_bot"
    first = api.send_text(USER, "hello there", first_name="Sam")
    reply = await api.wait_for(USER, "you said: hello there")
    second = api.send_text(USER, "again")
    await api.wait_for(USER, "you said: again")

    ids = [first["message"]["message_id"], reply["message_id"], second["message"]["message_id"]]
    assert ids == sorted(ids) and len(set(ids)) == 3
    assert reply["chat"]["first_name"] == "Sam"
    assert api.mark(USER) == len(api.sent(USER)) == 2
    await api.idle()


async def test_group_command_and_edited_message(api: BotApiDouble, app: App) -> None:
    group = -1001234
    api.send_command(USER, "start@coach_test_bot", chat_type="supergroup", chat_id=group)
    welcome = await api.wait_for(group, "welcome")
    assert welcome["chat"]["type"] == "supergroup"

    sent = api.send_text(USER, "typo")
    await api.wait_for(USER, "you said: typo")
    edited = api.edit_text(USER, sent["message"]["message_id"], "fixed")
    assert "edit_date" in edited["edited_message"]
    await api.wait_for(USER, "you said: fixed")


async def test_press_button_reports_the_buttons(api: BotApiDouble, app: App) -> None:
    api.send_command(USER, "start")
    welcome = await api.wait_for(USER, "welcome")
    with pytest.raises(AssertionError, match=r"\('Warm', 'warm'\), \('Burning', 'burn'\)"):
        api.press_button(USER, welcome, "freezing")


async def test_wait_for_timeout_shows_recent_messages(api: BotApiDouble, app: App) -> None:
    api.send_text(USER, "ping")
    await api.wait_for(USER, "you said")
    with pytest.raises(AssertionError, match="You said: ping"):
        await api.wait_for(USER, "never sent", timeout=0.2)


async def test_long_poll_returns_as_soon_as_an_update_arrives(api: BotApiDouble) -> None:
    async with polling(build_app(api), timeout=30):
        await api.idle()
        polls = api.calls_to("getUpdates")
        assert polls[-1].status == 0  # a long poll is being held open
        loop = asyncio.get_running_loop()
        started = loop.time()
        api.send_text(USER, "quick")
        await api.wait_for(USER, "you said: quick")
        assert loop.time() - started < 0.5
    assert polls[-1].params["timeout"] == 30


async def test_retry_after_from_429(api: BotApiDouble, app: App, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "true")  # PTB otherwise warns when retry_after is read
    api.fail_next("sendMessage", status=429, description="Too Many Requests: retry after 7", retry_after=7)
    with pytest.raises(RetryAfter) as caught:
        await app.bot.send_message(USER, "hi")
    assert caught.value.retry_after == dtm.timedelta(seconds=7)
    assert (await app.bot.send_message(USER, "hi")).text == "hi"
    assert [c.status for c in api.calls_to("sendMessage")] == [429, 200]


async def test_forbidden_reaches_the_error_handler(api: BotApiDouble) -> None:
    errors: list[Exception] = []
    async with polling(build_app(api, errors)) as app:
        blocked = "Forbidden: bot was blocked by the user"
        api.fail_next("sendMessage", status=403, description=blocked, chat_id=USER)
        api.send_text(USER, "hello")
        await api.idle()
        assert [type(e) for e in errors] == [Forbidden]
        assert str(errors[0]) == blocked
        assert api.sent(USER) == []

        update = api.block(USER)
        assert update["my_chat_member"]["new_chat_member"]["status"] == "kicked"
        with pytest.raises(Forbidden, match="blocked"):
            await app.bot.send_message(USER, "Time for your stretch")


async def test_bad_requests(api: BotApiDouble, app: App) -> None:
    bot = app.bot
    with pytest.raises(BadRequest, match="Message is too long"):
        await bot.send_message(USER, "x" * 4097)
    with pytest.raises(BadRequest, match="Message text is empty"):
        await bot.send_message(USER, "   ")
    sent = await bot.send_message(USER, "x" * 4096, reply_markup=KEYBOARD)
    assert sent.reply_markup == KEYBOARD
    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_text("x" * 4096, chat_id=USER, message_id=sent.message_id, reply_markup=KEYBOARD)
    with pytest.raises(BadRequest, match="Message to edit not found"):
        await bot.edit_message_text("new", chat_id=USER, message_id=999)
    await bot.edit_message_reply_markup(chat_id=USER, message_id=sent.message_id)
    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_reply_markup(chat_id=USER, message_id=sent.message_id)
    assert await bot.delete_message(USER, sent.message_id)
    with pytest.raises(BadRequest, match="Message to delete not found"):
        await bot.delete_message(USER, sent.message_id)
    assert api.sent(USER) == [] and len(api.deleted(USER)) == 1
    with pytest.raises(BadRequest, match="Button_data_invalid"):
        await bot.send_message(
            USER,
            "x",
            reply_markup=InlineKeyboardMarkup([[InlineKeyboardButton("b", callback_data="d" * 65)]]),
        )


async def test_parse_modes(api: BotApiDouble, app: App) -> None:
    bot = app.bot
    html = await bot.send_message(USER, "<b>Hi</b> &amp; <i>bye</i>", parse_mode=ParseMode.HTML)
    assert html.text == "Hi & bye"
    assert [(e.type, e.offset, e.length) for e in html.entities] == [
        ("bold", 0, 2),
        ("italic", 5, 3),
    ]
    with pytest.raises(BadRequest, match=r"Can't parse entities: unsupported start tag \"\" at byte offset 2"):
        await bot.send_message(USER, "1 < 2", parse_mode=ParseMode.HTML)
    with pytest.raises(BadRequest, match=r"character '\.' is reserved"):
        await bot.send_message(USER, "Done.", parse_mode=ParseMode.MARKDOWN_V2)
    escaped = await bot.send_message(USER, r"*Done*\.", parse_mode=ParseMode.MARKDOWN_V2)
    assert escaped.text == "Done." and escaped.entities[0].type == "bold"


async def test_document_and_photo_uploads(api: BotApiDouble, app: App) -> None:
    payload = bytes(range(256)) * 40
    message = await app.bot.send_document(
        USER, payload, filename="report.pdf", caption="Your <b>report</b>", parse_mode="HTML"
    )
    assert message.document is not None
    assert (message.document.file_name, message.document.mime_type) == (
        "report.pdf",
        "application/pdf",
    )
    assert message.document.file_size == len(payload)
    assert message.caption == "Your report"

    photo = await app.bot.send_photo(USER, b"\xff\xd8fake-jpeg", caption="A photo")
    assert photo.photo[-1].file_size == 11

    uploads = api.uploaded(USER)
    assert [(u.method, u.filename, u.caption) for u in uploads] == [
        ("sendDocument", "report.pdf", "Your report"),
        ("sendPhoto", "application.octet-stream", "A photo"),
    ]
    assert uploads[0].data == payload
    assert [m["caption"] for m in api.sent(USER)] == ["Your report", "A photo"]

    file = await app.bot.get_file(message.document.file_id)
    assert bytes(await file.download_as_bytearray()) == payload
    again = await app.bot.send_document(USER, message.document.file_id)
    assert again.document is not None and again.document.file_id == message.document.file_id
    assert len(api.uploaded(USER)) == 2


async def test_user_media_updates(api: BotApiDouble) -> None:
    received: list[Message] = []

    async def record(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.message is not None
        received.append(update.message)

    app = build_app(api)
    app.add_handler(MessageHandler(~filters.TEXT, record))
    async with polling(app):
        api.send_location(USER, 48.85, 2.35)
        api.send_sticker(USER)
        api.send_photo(USER, caption="my back")
        api.send_voice(USER)
        await api.idle()
    location, sticker, photo, voice = received
    assert location.location is not None and location.location.latitude == 48.85
    assert sticker.sticker is not None and sticker.sticker.emoji == "👍"
    assert photo.caption == "my back" and photo.photo[0].width == 800
    assert voice.voice is not None and voice.voice.mime_type == "audio/ogg"


async def test_raw_http_shapes(api: BotApiDouble) -> None:
    url = api.base_url + api.token
    async with aiohttp.ClientSession() as http:
        async with http.post(f"{api.base_url}999:wrong/getMe") as response:
            assert response.status == 401
            assert await response.json() == {
                "ok": False,
                "error_code": 401,
                "description": "Unauthorized",
            }
        async with http.post(f"{url}/frobnicate") as response:
            assert response.status == 404
            assert await response.json() == {
                "ok": False,
                "error_code": 404,
                "description": "Not Found",
            }
        markup = {"inline_keyboard": [[{"text": "A", "callback_data": "a"}]]}
        async with http.post(
            f"{url}/sendMessage", json={"chat_id": USER, "text": "json", "reply_markup": markup}
        ) as response:
            assert (await response.json())["result"]["reply_markup"] == markup
        form = {"chat_id": str(USER), "text": "123", "reply_markup": json.dumps(markup)}
        async with http.post(f"{url}/sendmessage", data=form) as response:
            result = (await response.json())["result"]
            assert (result["text"], result["reply_markup"]) == ("123", markup)
    assert [c.method for c in api.calls] == ["getMe", "frobnicate", "sendMessage", "sendMessage"]


async def test_my_commands(api: BotApiDouble, app: App) -> None:
    await app.bot.set_my_commands([("start", "Start over"), ("help", "Get help")])
    assert [c.command for c in await app.bot.get_my_commands()] == ["start", "help"]
    assert api.my_commands()[1] == {"command": "help", "description": "Get help"}
    with pytest.raises(BadRequest, match="Bot_command_invalid"):
        await app.bot.set_my_commands([("Start", "Capitalised")])


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_webhook_delivery(api: BotApiDouble) -> None:
    app = build_app(api)
    secrets: list[str | None] = []
    failures = [web.HTTPInternalServerError]

    async def receive(request: web.Request) -> web.Response:
        secrets.append(request.headers.get("X-Telegram-Bot-Api-Secret-Token"))
        if failures:
            raise failures.pop()()
        await app.update_queue.put(Update.de_json(await request.json(), app.bot))
        return web.Response()

    receiver = web.Application()
    receiver.router.add_post("/hook", receive)
    runner = web.AppRunner(receiver)
    await runner.setup()
    port = _free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        async with app:
            await app.start()
            await app.bot.set_webhook(f"http://127.0.0.1:{port}/hook", secret_token="s3cret_token")
            with pytest.raises(Conflict, match="webhook is active"):
                await app.bot.get_updates()

            api.send_text(USER, "via webhook")
            await api.wait_for(USER, "you said: via webhook")
            assert secrets == ["s3cret_token", "s3cret_token"]  # the first try got a 500
            info = await app.bot.get_webhook_info()
            assert info.url.endswith("/hook") and info.pending_update_count == 0
            assert info.last_error_message == "Wrong response from the webhook: 500 Internal Server Error"

            await app.bot.delete_webhook()
            assert await app.bot.get_updates(timeout=0) == ()
            await app.stop()
    finally:
        await runner.cleanup()


async def test_reply_keyboard_is_remembered_not_echoed(api: BotApiDouble, app: App) -> None:
    share = ReplyKeyboardMarkup([[KeyboardButton("Share location", request_location=True)]])
    message = await app.bot.send_message(USER, "Where are you?", reply_markup=share)
    assert message.reply_markup is None
    keyboard = api.reply_keyboard(USER)
    assert keyboard is not None
    assert keyboard["keyboard"][0][0] == {"text": "Share location", "request_location": True}
    await app.bot.send_message(USER, "Thanks", reply_markup=ReplyKeyboardRemove())
    assert api.reply_keyboard(USER) is None


async def test_delay_holds_the_call_and_idle_waits_for_it(api: BotApiDouble, app: App) -> None:
    api.delay("sendMessage", 0.4)
    loop = asyncio.get_running_loop()
    started = loop.time()
    api.send_text(USER, "slow")
    await api.idle(quiet=0.1)
    assert loop.time() - started >= 0.4
    assert api.last(USER)["text"] == "You said: slow"
