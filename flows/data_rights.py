"""/export and /delete: a person's data is theirs.

```mermaid
flowchart LR
    export[/export/] --> files[JSON of everything + CSV of check-ins]
    delete[/delete/] --> confirm{sure?}
    confirm -- yes --> erased[every row erased]
    confirm -- no --> kept[nothing changes]
```
"""

import csv
import io
import json
import logging
from datetime import date, datetime, time

from telegram import InlineKeyboardMarkup, InputFile, Update

from coach import summaries, wording
from flows import caregivers
from flows.asking import answer_quietly, close
from flows.callbacks import decode
from flows.context import CoachContext
from flows.keyboards import button

log = logging.getLogger(__name__)

FLOW = "del"
OWN_DATA = 0  # the reference of /delete's buttons: whoever presses them
CHECKIN_COLUMNS = (
    "started_at", "completed_at", "status", "phase", "pain", "trend", "red_flags",
    "sessions", "stretches", "water_glasses", "heat_effect", "note",
)  # fmt: skip


async def export_command(update: Update, context: CoachContext) -> None:
    """Send everything stored about the person: a JSON file, and the check-ins as CSV."""
    async with context.db.unit() as uow:
        data = await uow.personal_data.export(update.effective_user.id)
    if data is None:
        await update.effective_message.reply_text(wording.NOTHING_STORED)
        return
    chat_id = update.effective_chat.id
    as_json = json.dumps(data, default=_plain, indent=2, ensure_ascii=False).encode()
    await context.bot.send_document(
        chat_id, InputFile(as_json, filename="back-coach-data.json"), caption=wording.EXPORT_JSON
    )
    if data["checkin"]:
        await context.bot.send_document(
            chat_id,
            InputFile(_checkins_csv(data["checkin"]), filename="back-coach-checkins.csv"),
            caption=wording.EXPORT_CSV,
        )
    log.info("export update=%s", update.update_id)


def _plain(value: object) -> str:
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    raise TypeError(f"cannot export {type(value).__name__}")


def _checkins_csv(checkins: list[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CHECKIN_COLUMNS)
    for row in checkins:
        writer.writerow(
            _cell(";".join(row[c]) if c == "red_flags" else _plain(row[c]) if isinstance(row[c], datetime) else row[c])
            for c in CHECKIN_COLUMNS
        )
    return out.getvalue().encode()


def _cell(value: object) -> object:
    """A text cell a spreadsheet would run as a formula ("=HYPERLINK(…)", "+1", "@SUM") is written
    with a leading apostrophe, as OWASP's CSV injection advice says."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


async def delete_command(update: Update, context: CoachContext) -> None:
    """Ask before erasing everything."""
    async with context.db.unit() as uow:
        stored = await uow.personal_data.export(update.effective_user.id)
    if stored is None:
        await update.effective_message.reply_text(wording.NOTHING_STORED)
        return
    # The data erased is always the presser's own (their Telegram id, which may pass 2**31 and
    # so cannot be a button reference): the button refers to no record.
    keyboard = InlineKeyboardMarkup(
        [
            [
                button(wording.DELETE_YES, FLOW, OWN_DATA, "confirm", "yes"),
                button(wording.DELETE_NO, FLOW, OWN_DATA, "confirm", "no"),
            ]
        ]
    )
    await update.effective_message.reply_text(wording.DELETE_CONFIRM, reply_markup=keyboard)


async def on_confirm(update: Update, context: CoachContext) -> None:
    """Erase every row about the person, or keep everything."""
    query = update.callback_query
    callback = decode(query.data)
    user = update.effective_user
    valid = callback is not None and callback.ref == OWN_DATA and callback.value in ("yes", "no")
    ended = []
    if valid:
        async with context.db.unit() as uow:
            valid = await uow.personal_data.export(user.id) is not None  # a second press after erasing: expired
            if valid and callback.value == "yes":
                ended = await _links_ending(uow, user.id)
                context.services.alert_links.clear()  # links both ways end: none is alerted from memory
                context.services.people_seen.pop(user.id, None)
                await uow.personal_data.erase(user.id)
    if not valid:
        await query.answer(wording.BUTTON_EXPIRED)
        return
    await answer_quietly(query)
    await close(query, wording.DELETE_YES if callback.value == "yes" else wording.DELETE_NO)
    if callback.value == "yes":
        log.info("erased update=%s links=%s", update.update_id, len(ended))
    await context.bot.send_message(
        update.effective_chat.id, wording.DELETED if callback.value == "yes" else wording.DELETE_KEPT
    )
    for chat_id, text in ended:
        await caregivers.tell(context, chat_id, text)


async def _links_ending(uow, telegram_user_id: int) -> list[tuple[int, str]]:
    """The other side of each active link, and what they are told, before the user's data goes."""
    notices = []
    person = await uow.people.by_telegram_id(telegram_user_id)
    for link in await uow.caregivers.sharing_with(person.id) if person else []:
        notices.append(
            (
                link.caregiver_chat_id,
                summaries.stopped_notices(link.person_name, link.caregiver_name, by_person=True)[1],
            )
        )
    for link, followed in await uow.caregivers.following(telegram_user_id):
        notices.append(
            (followed.chat_id, summaries.stopped_notices(link.person_name, link.caregiver_name, by_person=False)[0])
        )
    return notices
