"""`coach webhook`: the bot behind a load balancer, fed by Telegram's webhook.

POST WEBHOOK_PATH  an update from Telegram: 403 without the right secret header, 400 when the body
                   is not an update, 503 while not running (starting or draining: Telegram retries,
                   and the balancer sends the retry to another instance), otherwise 200 at once,
                   the update being handled after the answer.
GET  /healthz      200 when the application runs and the database answers; 503 otherwise.

Every piece of state is in the database, so any instance can take any update. Shutting down
stops accepting first, then lets PTB's `Application.stop` finish the updates already taken,
while this server keeps answering 503; only then does the HTTP server close.
"""

import asyncio
import hmac
import logging
import time
from collections import OrderedDict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from aiohttp import web
from sqlalchemy.exc import SQLAlchemyError
from telegram import Update
from telegram.ext import Application

from flows.app import started
from flows.config import Settings
from flows.context import Services

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
HEALTH_PATH = "/healthz"
HEALTH_TIMEOUT = 3.0  # seconds a health check waits for the database
SEEN_UPDATES = 10_000  # update ids remembered: Telegram re-posts an update whose answer was slow
REJECTIONS_LOGGED_EVERY = 60.0  # seconds: a scan of the webhook is one log line a minute, not one a request


class _Rejections:
    """Rejected requests, counted and logged at most once a period (nothing of their bodies)."""

    def __init__(self, now=time.monotonic) -> None:
        self._now, self._since, self._counts = now, None, {}

    def count(self, reason: str) -> None:
        self._counts[reason] = self._counts.get(reason, 0) + 1
        now = self._now()
        if self._since is None or now - self._since >= REJECTIONS_LOGGED_EVERY:
            summary = ", ".join(f"{n} {why}" for why, n in sorted(self._counts.items()))
            log.warning("webhook requests rejected since the last report: %s", summary)
            self._since, self._counts = now, {}


class WebhookServer:
    """The HTTP side: takes Telegram's POSTs and the balancer's health checks."""

    def __init__(self, application: Application, path: str, secret: str):
        self.application = application
        self._secret = secret.encode()
        self._seen: OrderedDict[int, None] = OrderedDict()
        self._rejected = _Rejections()
        self.http = web.Application(client_max_size=1024 * 1024)
        self.http.on_response_prepare.append(_plain_server_header)
        self.http.router.add_post(path, self._on_update)
        self.http.router.add_get(HEALTH_PATH, self._on_health)

    async def _on_update(self, request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, self._secret):
            self._rejected.count("without the right secret (403)")
            return web.Response(status=403)
        update = await self._read_update(request)
        if update is None:
            self._rejected.count("not an update (400)")
            return web.Response(status=400)
        if not self.application.running:
            return web.Response(status=503)
        if update.update_id in self._seen:  # posted again: it was taken the first time
            log.debug("update=%s posted again, already taken", update.update_id)
            return web.Response()
        # No await between the check and the put: `Application.stop` queues its stop signal
        # right after `running` turns false, so an accepted update is always handled.
        self.application.update_queue.put_nowait(update)
        self._seen[update.update_id] = None
        if len(self._seen) > SEEN_UPDATES:
            self._seen.popitem(last=False)
        log.debug("update=%s accepted", update.update_id)
        return web.Response()

    async def _read_update(self, request: web.Request) -> Update | None:
        """The body as an Update, or None when it is not one (nothing of it is logged)."""
        if request.content_type != "application/json":
            return None
        try:
            data = await request.json()
        except (ValueError, RecursionError):  # RecursionError: brackets nested too deep to parse
            return None
        if not isinstance(data, dict) or type(data.get("update_id")) is not int:
            return None
        try:
            return Update.de_json(data, self.application.bot)
        except Exception:  # PTB raises whatever a malformed field trips over
            return None

    async def _on_health(self, _request: web.Request) -> web.Response:
        healthy = self.application.running and await self._database_answers()
        return web.Response(status=200 if healthy else 503, text="ok" if healthy else "unavailable")

    async def _database_answers(self) -> bool:
        services: Services = self.application.bot_data["services"]
        try:
            async with asyncio.timeout(HEALTH_TIMEOUT):
                await services.db.ping()
        except (SQLAlchemyError, OSError, TimeoutError):
            log.warning("health check: the database does not answer")
            return False
        return True


async def _plain_server_header(_request: web.Request, response: web.StreamResponse) -> None:
    response.headers["Server"] = "coach"  # not aiohttp's name and version


@asynccontextmanager
async def serving(application: Application, settings: Settings) -> AsyncIterator[str]:
    """Listen, then start the bot (`started`) and register the webhook if WEBHOOK_URL is set;
    yields the address listened on. When the block ends: drain, then close the HTTP server."""
    if settings.webhook_secret_token is None:
        raise ValueError("WEBHOOK_SECRET_TOKEN is not set")
    secret = settings.webhook_secret_token.get_secret_value()
    server = WebhookServer(application, settings.webhook_path, secret)
    runner = web.AppRunner(server.http, access_log=None, shutdown_timeout=5.0)
    await runner.setup()
    try:
        site = web.TCPSite(runner, settings.webhook_listen, settings.webhook_port)
        await site.start()  # health checks answer 503 until the application runs
        host, port = runner.addresses[0][:2]
        address = f"http://{host}:{port}"
        log.info("webhook server listening on %s:%s, path %s", host, port, settings.webhook_path)
        async with started(application):
            if settings.webhook_url:
                await application.bot.set_webhook(
                    settings.webhook_url, secret_token=secret, allowed_updates=Update.ALL_TYPES
                )
                log.info("webhook registered with Telegram")
            yield address
            log.info("shutting down: finishing the updates already taken")
    finally:
        await runner.cleanup()
