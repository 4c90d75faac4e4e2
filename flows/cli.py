"""The `coach` command: run the bot (polling or webhook), apply migrations, or triage lines of text."""

import argparse
import asyncio
import json
import logging
import signal
import sys
from contextlib import AbstractAsyncContextManager

from pydantic import ValidationError

from coach.triage import explain, triage
from flows import logs
from flows.config import Settings
from storage.database import Database, default_url

NO_TOKEN = (
    "TELEGRAM_BOT_TOKEN is not set.\n"
    "Get a token from @BotFather in Telegram (send it /newbot), then put it in a .env file:\n"
    "    cp .env.example .env    # and fill in TELEGRAM_BOT_TOKEN\n"
    "or export TELEGRAM_BOT_TOKEN in your shell."
)
NO_SECRET = (
    "WEBHOOK_SECRET_TOKEN is not set: `coach webhook` accepts only requests that carry it.\n"
    "Choose 1-256 characters of A-Z, a-z, 0-9, _ and - (e.g. `openssl rand -hex 32`) and put it in .env."
)


async def _serve(settings: Settings, webhook: bool) -> int:
    """Serve until Ctrl-C or SIGTERM (exit 0), or until another instance turns out to be polling
    with the same token (exit 1, `flows.polling`)."""
    # imported here, so that `coach triage` starts without loading PTB
    from flows.app import build_application, running
    from flows.webhook import serving

    stop, second = asyncio.Event(), asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)

    def second_poller() -> None:
        second.set()
        stop.set()

    application = build_application(settings)
    service: AbstractAsyncContextManager = (
        serving(application, settings) if webhook else running(application, on_second_poller=second_poller)
    )
    async with service:
        logging.getLogger(__name__).info("coach is running; Ctrl-C to stop")
        await stop.wait()
    return 1 if second.is_set() else 0


async def _migrate(settings: Settings) -> None:
    database = Database(settings.database_url or default_url())
    try:
        await database.migrate()
    finally:
        await database.close()


def _triage_lines(*, explaining: bool, lang: str | None) -> None:
    """One JSON object per input line, in order, and nothing else on stdout; with `explaining`,
    every step of each decision (`coach.triage.explain`)."""
    out = sys.stdout
    for line in sys.stdin:
        text = line.rstrip("\n")
        result = explain(text, lang) if explaining else triage(text, lang).to_json()
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
    out.flush()


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `coach` console script."""
    parser = argparse.ArgumentParser(
        prog="coach", description="A Telegram self-care coach for back warmth, burning or tingling."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("run", help="run the bot with long polling (applies migrations first)")
    commands.add_parser("webhook", help="serve Telegram's webhook, one of several instances behind a load balancer")
    commands.add_parser("migrate", help="apply database migrations")
    triaging = commands.add_parser("triage", help="read lines on stdin, print one JSON triage result per line")
    triaging.add_argument(
        "--explain",
        action="store_true",
        help="show the normalised text, every mention, its assertion and the rule that decided",
    )
    triaging.add_argument("--lang", help="read every line as this language (default: detect per line)")
    args = parser.parse_args(argv)

    if args.command == "triage":
        _triage_lines(explaining=args.explain, lang=args.lang)
        return 0
    try:
        settings = Settings()
    except ValidationError as error:
        print(f"Invalid settings: {error}", file=sys.stderr)
        return 2
    token = settings.telegram_bot_token.get_secret_value() if settings.telegram_bot_token else None
    secret = settings.webhook_secret_token.get_secret_value() if settings.webhook_secret_token else None
    logs.configure(settings.log_level, token, secret)
    if args.command == "migrate":
        asyncio.run(_migrate(settings))
        return 0
    if settings.telegram_bot_token is None:
        print(NO_TOKEN, file=sys.stderr)
        return 2
    if args.command == "webhook" and settings.webhook_secret_token is None:
        print(NO_SECRET, file=sys.stderr)
        return 2
    return asyncio.run(_serve(settings, webhook=args.command == "webhook"))
