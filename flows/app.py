"""The composition root: builds the real `telegram.ext.Application` and runs it.

Handler groups run in order for every update:
  -2  triage every text and caption; escalate before anything else
   0  private-chat guard, commands, buttons, answers, fallbacks
   1  note that the person is reachable (they may have unblocked the bot), out of the reply's way
"""

import gc
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime

from sqlalchemy.exc import SQLAlchemyError
from telegram import BotCommand, ChatMember, Update
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)

from flows import (
    care_hold,
    caregivers,
    checkin,
    data_rights,
    general,
    onboarding,
    plan,
    preferences,
    progress,
    reminders,
    safety,
    screening,
)
from flows.callbacks import pattern
from flows.config import Settings
from flows.context import CoachContext, Services, system_clock
from flows.jobs import TICKS_AT_ONCE, tick
from flows.polling import OnePoller, PollingRequest
from flows.rate_limit import PriorityRateLimiter
from flows.telegram_http import AiohttpRequest
from flows.update_processor import PerChatUpdateProcessor
from storage.database import Database, default_url

log = logging.getLogger(__name__)

TICK = "tick"
# Python's garbage-collection thresholds, with full collections ten times rarer than its default
# (after 100 second-generation passes, not 10). A full collection walks everything made since
# start-up, and under a backlog that includes thousands of replies waiting for Telegram's pace:
# 50-100 ms every 4-5 s, which was the whole tail of tap answers at 30/s (README, "Performance").
GC_THRESHOLDS = (700, 10, 100)
COMMANDS = (
    BotCommand("start", "Set up or start over"),
    BotCommand("checkin", "Do a check-in now"),
    BotCommand("plan", "Today's plan"),
    BotCommand("progress", "Your pain chart and how it is going"),
    BotCommand("settings", "Time zone, check-in time, waking hours, reminders"),
    BotCommand("pause", "Pause daily check-ins"),
    BotCommand("resume", "Resume daily check-ins"),
    BotCommand("caregiver", "Share your progress with someone"),
    BotCommand("export", "Get a copy of all your data"),
    BotCommand("delete", "Erase all your data"),
    BotCommand("help", "What I can do"),
)


async def _mark_reachable(update: Update, context: CoachContext) -> None:
    """Anything from a person means they can be reached again, except Telegram's notice that they
    blocked the bot, which means the opposite. Best effort: a database fault here must not stop
    the update being handled."""
    if update.effective_user is None:
        return
    member = update.my_chat_member.new_chat_member.status if update.my_chat_member else None
    try:
        async with context.db.unit() as uow:
            if member in (ChatMember.BANNED, ChatMember.LEFT):
                await uow.people.mark_blocked_by_telegram_id(update.effective_user.id, context.now())
            else:
                await uow.people.mark_reachable(update.effective_user.id)
    except SQLAlchemyError:
        log.warning("could not mark update=%s reachable", update.update_id)


def build_application(settings: Settings, *, clock: Callable[[], datetime] = system_clock) -> Application:
    """The bot, wired: handlers, the repeating tick, and the services they share."""
    if settings.telegram_bot_token is None:
        raise ValueError("TELEGRAM_BOT_TOKEN is not set")
    builder = (
        ApplicationBuilder()
        .token(settings.telegram_bot_token.get_secret_value())
        .context_types(ContextTypes(context=CoachContext))
        .rate_limiter(
            PriorityRateLimiter(
                overall_per_second=settings.messages_per_second,
                per_chat_per_second=settings.per_chat_messages_per_second,
                per_chat_burst=3,
            )
        )
        .concurrent_updates(PerChatUpdateProcessor(jumps_queue=safety.needs_advice))
        .request(AiohttpRequest())  # half the CPU of PTB's httpx client per message sent (README, "Performance")
        .get_updates_request(PollingRequest(connection_pool_size=1))
    )
    if settings.telegram_api_base_url:
        base = settings.telegram_api_base_url.rstrip("/")
        builder = builder.base_url(base).base_file_url(base.removesuffix("/bot") + "/file/bot")
    application = builder.build()
    application.bot_data["services"] = Services(
        db=Database(settings.database_url or default_url()), settings=settings, clock=clock
    )

    private = filters.ChatType.PRIVATE
    typed = private & filters.UpdateType.MESSAGE  # a command edited into an old message does not run
    application.add_handler(
        MessageHandler(private & (filters.TEXT | filters.CAPTION), safety.triage_every_message), group=-2
    )
    handlers = [
        MessageHandler(~private & filters.UpdateType.MESSAGES, general.on_group),
        CommandHandler("start", onboarding.start, filters=typed),
        CommandHandler("checkin", checkin.checkin_command, filters=typed),
        CommandHandler("plan", plan.plan_command, filters=typed),
        CommandHandler("progress", progress.progress_command, filters=typed),
        CommandHandler("caregiver", caregivers.caregiver_command, filters=typed),
        CommandHandler("settings", preferences.settings_command, filters=typed),
        CommandHandler("pause", preferences.pause_command, filters=typed),
        CommandHandler("resume", preferences.resume_command, filters=typed),
        CommandHandler("export", data_rights.export_command, filters=typed),
        CommandHandler("delete", data_rights.delete_command, filters=typed),
        CommandHandler("help", general.help_command, filters=typed),
        CallbackQueryHandler(onboarding.on_consent, pattern=pattern(onboarding.CONSENT_FLOW)),
        CallbackQueryHandler(onboarding.on_button, pattern=pattern(onboarding.FLOW)),
        CallbackQueryHandler(checkin.on_button, pattern=pattern(checkin.FLOW)),
        CallbackQueryHandler(preferences.on_button, pattern=pattern(preferences.FLOW)),
        CallbackQueryHandler(safety.on_acknowledge, pattern=pattern(safety.ACK_FLOW)),
        CallbackQueryHandler(safety.on_net_answer, pattern=pattern(safety.NET_FLOW)),
        CallbackQueryHandler(care_hold.on_follow_up, pattern=pattern(care_hold.FLOW)),
        CallbackQueryHandler(reminders.on_button, pattern=pattern(reminders.FLOW)),
        CallbackQueryHandler(caregivers.on_button, pattern=pattern(caregivers.FLOW)),
        CallbackQueryHandler(caregivers.on_invitation, pattern=pattern(caregivers.INVITATION_FLOW)),
        CallbackQueryHandler(screening.on_button, pattern=pattern(screening.FLOW)),
        CallbackQueryHandler(data_rights.on_confirm, pattern=pattern(data_rights.FLOW)),
        CallbackQueryHandler(general.on_stale_button),
        MessageHandler(typed & filters.COMMAND, general.on_unknown_command),
        MessageHandler(private & filters.UpdateType.MESSAGE & filters.TEXT, general.on_text),
        MessageHandler(private & filters.UpdateType.MESSAGE & filters.LOCATION, general.on_location),
        MessageHandler(private & filters.UpdateType.MESSAGE, general.on_unsupported),
    ]
    application.add_handlers(handlers)
    application.add_handler(TypeHandler(Update, _mark_reachable), group=1)
    application.add_error_handler(general.on_error)
    application.job_queue.run_repeating(  # the first at start: `started`
        tick, interval=settings.tick_seconds, name=TICK, job_kwargs={"max_instances": TICKS_AT_ONCE}
    )
    return application


@asynccontextmanager
async def started(application: Application) -> AsyncIterator[Application]:
    """Migrate, initialize, set the commands and start; when the block ends, stop (which first
    finishes every update already queued and every running job), shut down and close the database.

    What start-up made (modules, handlers, compiled queries) lives as long as the process, so it is
    frozen out of the garbage collector: each full collection would otherwise walk it all again,
    stalling every reply for about 70 ms every few seconds under load. What is made later is
    collected in full more rarely than Python's default (`GC_THRESHOLDS`).
    """
    services: Services = application.bot_data["services"]
    await services.db.migrate()
    try:
        await services.db.warm()
        async with application:
            await application.bot.set_my_commands(COMMANDS)
            await application.start()
            gc.collect()
            gc.freeze()
            gc.set_threshold(*GC_THRESHOLDS)
            for job in application.job_queue.get_jobs_by_name(TICK):
                # APScheduler cannot start a repeating job "now" (PTB's docs, `first`): its first run
                # would come an interval later, and what fell due while the bot was down would wait.
                job.job.modify(next_run_time=datetime.now(UTC))
            try:
                yield application
            finally:
                await application.stop()
    finally:
        await services.db.close()


@asynccontextmanager
async def running(
    application: Application, *, poll_timeout: int = 10, on_second_poller: Callable[[], None] = lambda: None
) -> AsyncIterator[Application]:
    """`started`, and serve with long polling until the block ends. `on_second_poller` is called
    when another instance was already polling with this token (`flows.polling`)."""
    async with started(application):
        request = application.bot._request[0]  # PTB's get_updates_request: getUpdates alone uses it
        poller = OnePoller(request, on_second_poller) if isinstance(request, PollingRequest) else None
        await application.updater.start_polling(
            timeout=poll_timeout, allowed_updates=Update.ALL_TYPES, error_callback=poller
        )
        try:
            yield application
        finally:
            await application.updater.stop()
