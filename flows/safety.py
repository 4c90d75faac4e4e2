"""Escalation first: every text and caption is triaged before any other handler sees it."""

import logging

from telegram import Update

from coach import wording
from coach.emergency_numbers import emergency_number
from coach.triage import Assessment, Tier, triage
from flows.context import CoachContext
from storage.models import Escalation, Person

log = logging.getLogger(__name__)


async def triage_every_message(update: Update, context: CoachContext) -> None:
    """Triage the message's words and, on any warning sign, say what to do before anything else."""
    message = update.effective_message
    text = (message.text or message.caption) if message else None
    if not text or update.effective_user is None:
        return
    assessment = triage(text)
    if assessment.tier is Tier.SELF_CARE and assessment.question is None:
        return
    async with context.db.unit() as uow:
        person = await uow.people.by_telegram_id(update.effective_user.id)
    await escalate(context, update.effective_chat.id, person, assessment, source="text")


async def escalate(context: CoachContext, chat_id: int, person: Person | None, assessment: Assessment, *, source: str) -> None:
    """Send the seek-care message for an assessment, and store it for a person who consented."""
    context.escalated = True
    number = emergency_number(person.timezone if person else None)
    if assessment.tier is Tier.SELF_CARE:
        await context.bot.send_message(chat_id, assessment.question)
        return
    await context.bot.send_message(chat_id, wording.escalation_message(assessment, number))
    log.info("escalation tier=%s source=%s", assessment.tier.key, source)
    if person is not None:
        async with context.db.unit() as uow:
            await uow.escalations.add(
                Escalation(
                    person_id=person.id,
                    tier=assessment.tier.key,
                    triggers=[t.id for t in assessment.triggers],
                    source=source,
                    created_at=context.now(),
                )
            )
