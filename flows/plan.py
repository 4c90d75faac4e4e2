"""/plan: today's cold or heat, stretches and water."""

from telegram import Update

from coach import wording
from flows import profile
from flows.context import CoachContext


async def plan_command(update: Update, context: CoachContext) -> None:
    """Show today's plan."""
    async with context.db.unit() as uow:
        person = await uow.people.by_telegram_id(update.effective_user.id)
        if not await profile.require_onboarded(update, person):
            return
        plan = await profile.plan_at(uow, await uow.episodes.current(person.id), context.now())
    await update.effective_message.reply_text(wording.render_plan(plan))
