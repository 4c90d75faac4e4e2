"""/plan: today's cold or heat, stretches and water."""

from telegram import Update

from coach import start_back, wording
from flows import profile, screening
from flows.context import CoachContext


async def plan_command(update: Update, context: CoachContext) -> None:
    """Show today's plan."""
    async with context.db.unit() as uow:
        person = await uow.people.by_telegram_id(update.effective_user.id)
        if not profile.require_onboarded(uow, update, person):
            return
        plan = await profile.plan_at(uow, await uow.episodes.current(person.id), context.now())
        extra = start_back.plan_line(await screening.latest_result(uow, person.id))
    await update.effective_message.reply_text(wording.render_plan(plan) + (f"\n\n{extra}" if extra else ""))
