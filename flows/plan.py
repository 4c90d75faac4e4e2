"""/plan: today's cold or heat, stretches and water."""

from telegram import Update

from coach import wording
from flows import profile
from flows.context import CoachContext


async def plan_command(update: Update, context: CoachContext) -> None:
    """Show today's plan."""
    async with context.db.unit() as uow:
        person = await uow.people.by_telegram_id(update.effective_user.id)
        episode = await uow.episodes.current(person.id) if person and person.onboarded_at else None
        plan = await profile.plan_at(uow, episode, context.now()) if episode else None
    if plan is None:
        await update.effective_message.reply_text(wording.CHECKIN_NEED_SETUP if person else wording.CONSENT_NEEDED)
        return
    await update.effective_message.reply_text(wording.render_plan(plan))
