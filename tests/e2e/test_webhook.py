"""`coach webhook`: Telegram's webhook into the real Application, one or several instances."""

import asyncio
import itertools
import json
import logging
import os
import signal
import socket
import sys
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

import aiohttp
from aiohttp import web

from flows.app import build_application
from flows.config import Settings
from flows.webhook import HEALTH_PATH, SECRET_HEADER, serving
from storage.database import Database
from storage.models import CheckIn
from storage.models import Person as PersonRow
from tests.botapi import BotApiDouble
from tests.e2e.conftest import onboard
from tests.e2e.people import Clock, Person, complete_checkin, stored

SECRET = "s3cret_webhook-TOKEN"
PATH = "/telegram"


def _settings(api: BotApiDouble, database_url: str, **overrides) -> Settings:
    return Settings(
        _env_file=None,
        telegram_bot_token=api.token,
        telegram_api_base_url=api.base_url,
        database_url=database_url,
        webhook_secret_token=SECRET,
        webhook_listen="127.0.0.1",
        webhook_port=0,
        **({"tick_seconds": 0.1, "per_chat_messages_per_second": 50} | overrides),
    )


@asynccontextmanager
async def instance(api: BotApiDouble, clock: Clock, database_url: str, **overrides) -> AsyncIterator[str]:
    """One `coach webhook` instance in this process; yields its base URL."""
    settings = _settings(api, database_url, **overrides)
    async with serving(build_application(settings, clock=clock.now), settings) as address:
        yield address


@asynccontextmanager
async def balancer(backends: list[str]) -> AsyncIterator[tuple[str, list[tuple[int, str]]]]:
    """A round-robin load balancer in front of the instances; yields its webhook URL and the
    (update_id, backend) of every update it forwarded."""
    turns = itertools.cycle(backends)
    routed: list[tuple[int, str]] = []

    async def forward(request: web.Request) -> web.Response:
        body, backend = await request.read(), next(turns)
        headers = {"Content-Type": request.content_type, SECRET_HEADER: request.headers.get(SECRET_HEADER, "")}
        async with session.post(backend + PATH, data=body, headers=headers) as response:
            routed.append((json.loads(body)["update_id"], backend))
            return web.Response(status=response.status)

    app = web.Application()
    app.router.add_post(PATH, forward)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    async with aiohttp.ClientSession() as session:
        try:
            await web.TCPSite(runner, "127.0.0.1", 0).start()
            host, port = runner.addresses[0][:2]
            yield f"http://{host}:{port}{PATH}", routed
        finally:
            await runner.cleanup()


async def _post(
    url: str,
    body: object = None,
    *,
    secret: str | None = SECRET,
    raw: bytes | None = None,
    content_type: str = "application/json",
) -> int:
    """POSTs an update (or `raw` bytes) to the instance's webhook, as Telegram would; returns the status."""
    headers = {"Content-Type": content_type} | ({SECRET_HEADER: secret} if secret is not None else {})
    data = json.dumps(body).encode() if raw is None else raw
    async with aiohttp.ClientSession() as session, session.post(url + PATH, data=data, headers=headers) as response:
        return response.status


async def _health(url: str) -> int:
    async with aiohttp.ClientSession() as session, session.get(url + HEALTH_PATH) as response:
        return response.status


async def _eventually(condition: Callable[[], object], timeout: float = 10.0) -> None:
    for _ in range(int(timeout / 0.02)):
        if condition():
            return
        await asyncio.sleep(0.02)
    raise AssertionError("condition not met in time")


def _count(person: Person, contains: str) -> int:
    return sum(contains.casefold() in text.casefold() for text in person.texts())


async def test_requests_without_the_right_secret_are_rejected_and_garbage_gets_400(api, clock, tmp_path):
    async with instance(api, clock, f"sqlite:///{tmp_path / 'coach.db'}") as url:
        start = api.send_text(1001, "/start")  # no webhook is set: the test delivers it by hand
        assert await _post(url, start, secret=None) == 403
        assert await _post(url, start, secret="wrong") == 403
        assert await _post(url, start, secret=SECRET[:-1]) == 403
        assert await _post(url, raw=b"{not json") == 400
        assert await _post(url, raw=b"\xff\xfe") == 400
        assert await _post(url, [1, 2]) == 400
        assert await _post(url, {"update_id": 7, "message": {"text": "no chat, no date"}}) == 400
        assert await _post(url, raw=b"update_id=1", content_type="application/x-www-form-urlencoded") == 400
        assert await _health(url) == 200  # garbage crashed nothing
        assert await _post(url, start) == 200
        await api.wait_for(1001, "store your answers")
    # One chat's updates are handled in arrival order: any rejected one taken would have come first.
    assert _count(Person(api, 1001), "store your answers") == 1


async def test_two_instances_on_one_database_serve_one_person_alternately(api, clock, database_url):
    alex = Person(api, 1001, "Alex")
    async with instance(api, clock, database_url) as a, instance(api, clock, database_url) as b:  # noqa: SIM117
        async with balancer([a, b]) as (public_url, routed):  # the balancer in front of both, as in production
            # Instance C registers the webhook, as WEBHOOK_URL makes it do; A and B leave it alone.
            async with instance(api, clock, database_url, webhook_url=public_url):
                pass
            hook = api.webhook()
            assert hook is not None and (hook.url, hook.secret_token) == (public_url, SECRET)
            await onboard(alex)
            await alex.send("/checkin")
            await alex.expect("Time for your check-in")
            await complete_checkin(alex, pain="6")
            await alex.expect("that's today's check-in done")
            await api.idle()
    assert api.webhook().last_error_message is None  # every delivery was accepted
    backends = [backend for _, backend in routed]
    assert len(routed) >= 12 and backends == [(a, b)[i % 2] for i in range(len(routed))]
    for once in (
        "store your answers",
        "When did the warmth",
        "daily check-in",
        "All set",
        "Your plan for day",
        "Time for your check-in",
        "Compared with yesterday",
        "glasses of water",
        "that's today's check-in done",
    ):
        assert _count(alex, once) == 1, (once, alex.texts())
    [checkin] = await stored(database_url, CheckIn, alex.id)
    assert (checkin.status, checkin.pain, checkin.water_glasses) == ("done", 6, 6)
    assert len(await stored(database_url, PersonRow, alex.id)) == 1


async def test_shutdown_drains_updates_in_flight_and_health_turns_503(api, clock, tmp_path):
    stop, ready = asyncio.Event(), asyncio.get_running_loop().create_future()

    async def serve() -> None:
        async with instance(api, clock, f"sqlite:///{tmp_path / 'coach.db'}") as address:
            ready.set_result(address)
            await stop.wait()

    task = asyncio.create_task(serve())
    url = await asyncio.wait_for(ready, 30)
    assert await _health(url) == 200
    api.delay("sendMessage", 1.5)
    assert await _post(url, api.send_text(1001, "/start")) == 200
    await _eventually(lambda: api.calls_to("sendMessage"))  # the reply is on its way, slowly

    stop.set()  # what SIGTERM does in `coach webhook`
    for _ in range(100):
        if await _health(url) == 503:  # the balancer drains this instance
            break
        await asyncio.sleep(0.01)
    else:
        raise AssertionError("health still 200 after shutdown began")
    assert await _post(url, api.send_text(1002, "/start")) == 503  # Telegram will retry elsewhere
    assert not task.done()
    await asyncio.wait_for(task, 30)

    assert api.calls_to("sendMessage")[0].status == 200
    assert "store your answers" in api.last(1001)["text"]
    assert api.sent(1002) == []


async def test_health_is_503_while_the_database_does_not_answer(api, clock, tmp_path, monkeypatch):
    settings = _settings(api, f"sqlite:///{tmp_path / 'coach.db'}")
    application = build_application(settings, clock=clock.now)
    services = application.bot_data["services"]
    async with serving(application, settings) as url:
        assert await _health(url) == 200
        unreachable = Database("postgresql+asyncpg://coach@127.0.0.1:1/coach")
        monkeypatch.setattr(services, "db", unreachable)
        assert await _health(url) == 503
        monkeypatch.undo()
        await unreachable.close()
        assert await _health(url) == 200  # it recovers by itself


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def test_coach_webhook_registers_serves_and_exits_0_on_sigterm_mid_update(tmp_path: Path):
    port = _free_port()
    async with BotApiDouble() as api:
        env = os.environ | {
            "TELEGRAM_BOT_TOKEN": api.token,
            "TELEGRAM_API_BASE_URL": api.base_url,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'coach.db'}",
            "LOG_LEVEL": "DEBUG",
            "WEBHOOK_SECRET_TOKEN": SECRET,
            "WEBHOOK_LISTEN": "127.0.0.1",
            "WEBHOOK_PORT": str(port),
            "WEBHOOK_URL": f"http://127.0.0.1:{port}{PATH}",
        }
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "coach", "webhook", env=env, cwd=tmp_path, stderr=asyncio.subprocess.PIPE
        )
        try:
            await _eventually(
                lambda: api.webhook() or process.returncode is not None, timeout=30
            )  # migrations, setWebhook
            assert await _health(f"http://127.0.0.1:{port}") == 200
            api.send_text(4242, "/start")
            await api.wait_for(4242, "store your answers", timeout=10)
            api.delay("sendMessage", 1.5)
            api.send_text(4242, "my secret words about my back")
            await _eventually(lambda: len(api.calls_to("sendMessage")) == 2)
        finally:
            if process.returncode is None:
                process.send_signal(signal.SIGTERM)
            _, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
            assert process.returncode == 0, stderr.decode()
        assert api.calls_to("sendMessage")[1].status == 200  # answered after SIGTERM
        assert "Is that OK?" in api.last(4242)["text"]
    logs = stderr.decode()
    assert "webhook registered" in logs
    assert SECRET not in logs and api.token not in logs and api.token.split(":")[1] not in logs
    assert "secret words" not in logs


async def test_coach_webhook_without_a_secret_says_so(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "WEBHOOK_SECRET_TOKEN"} | {
        "TELEGRAM_BOT_TOKEN": "123456:TEST-token"
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "coach", "webhook", env=env, cwd=tmp_path, stderr=asyncio.subprocess.PIPE
    )
    _, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
    assert process.returncode == 2
    assert "WEBHOOK_SECRET_TOKEN" in stderr.decode()


async def test_a_reposted_update_is_handled_once_and_deep_or_scanning_requests_cost_one_line(
    api, clock, tmp_path, caplog
):
    async with instance(api, clock, f"sqlite:///{tmp_path / 'coach.db'}") as url:
        start = api.send_text(1001, "/start")
        assert await _post(url, start) == 200
        assert await _post(url, start) == 200  # Telegram posts it again: it says nothing new
        await api.wait_for(1001, "store your answers")

        caplog.set_level(logging.WARNING, logger="flows.webhook")
        assert await _post(url, raw=b"[" * 300_000 + b"]" * 300_000) == 400  # too deep to parse: not a 500
        for _ in range(50):  # a scan
            assert await _post(url, start, secret="guess") == 403
        async with aiohttp.ClientSession() as session, session.get(url + HEALTH_PATH) as response:
            assert response.status == 200
            assert "aiohttp" not in response.headers.get("Server", "").lower()
        await asyncio.sleep(0.5)
    assert _count(Person(api, 1001), "store your answers") == 1
    assert len([r for r in caplog.records if r.name == "flows.webhook" and "rejected" in r.getMessage()]) <= 1
