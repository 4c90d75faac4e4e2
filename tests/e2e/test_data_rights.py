"""A person's data is theirs: /export gives all of it, /delete erases all of it."""

import csv
import io
import json

from sqlalchemy import select
from sqlmodel import SQLModel

import storage.models  # noqa: F401  (registers every table in the metadata)
from storage.database import Database
from tests.e2e.conftest import onboard
from tests.e2e.people import Person, complete_checkin
from tests.e2e.test_caregivers import accept, invite


async def rows_mentioning(database_url: str, person_id: int, telegram_id: int) -> dict[str, int]:
    """Walk every table: how many rows belong to the person or carry their Telegram id."""
    found: dict[str, int] = {}
    database = Database(database_url)
    try:
        async with database.unit() as uow:
            for table in SQLModel.metadata.sorted_tables:
                for row in (await uow.session.execute(select(table))).mappings():
                    owner = row.get("person_id", row["id"] if table.name == "person" else None)
                    if owner == person_id or telegram_id in row.values():
                        found[table.name] = found.get(table.name, 0) + 1
    finally:
        await database.close()
    return found


async def person_id_of(database_url: str, telegram_id: int) -> int:
    database = Database(database_url)
    try:
        async with database.unit() as uow:
            return (await uow.people.by_telegram_id(telegram_id)).id
    finally:
        await database.close()


async def test_export_sends_everything_as_json_and_the_checkins_as_csv(bot, alex, api):
    await onboard(alex)
    await alex.send("/checkin")
    await alex.expect("How strong is the pain")
    await complete_checkin(alex, pain="6", note='=HYPERLINK("http://example.com","stretches")')
    await alex.expect("today's check-in done")
    await alex.send("I have a fever of 38.9")
    await alex.expect("needs a doctor today")
    await alex.send("/export")
    await alex.expect("for a spreadsheet")
    data_file, csv_file = api.uploaded(alex.id)[-2:]
    data = json.loads(data_file.data)
    assert data["person"][0]["telegram_user_id"] == alex.id and data["person"][0]["timezone"] == "Europe/London"
    assert [c["pain"] for c in data["checkin"]] == [6]
    assert [(e["tier"], e["triggers"]) for e in data["escalation"]] == [("urgent", ["fever"])]
    assert len(data["episode"]) == 1
    rows = list(csv.DictReader(io.StringIO(csv_file.data.decode())))
    assert [(r["pain"], r["trend"], r["status"]) for r in rows] == [("6", "better", "done")]
    assert rows[0]["note"] == '\'=HYPERLINK("http://example.com","stretches")'  # text, not a formula to run


async def test_delete_erases_every_row_about_the_person_and_nobody_elses(bot, api, database_url):
    alex = Person(api, 7_000_000_001, "Alex")  # Telegram's ids run past 2**31 now
    sam = Person(api, 2002, "Sam")
    for person in (alex, sam):
        await onboard(person)
        await person.send("/checkin")
        await person.expect("How strong is the pain")
        await complete_checkin(person)
        await person.send("there's a rash with blisters on my side")
        await person.expect("needs a doctor today")
    await alex.send("/checkin")  # leave a conversation open too
    await alex.expect("How strong is the pain")
    alex_id, sam_id = await person_id_of(database_url, alex.id), await person_id_of(database_url, sam.id)
    assert set(await rows_mentioning(database_url, alex_id, alex.id)) == {
        "person",
        "episode",
        "checkin",
        "escalation",
        "conversation",
        "reminder",
    }

    await alex.send("/delete")
    await alex.answer("It can't be undone", "No, keep my data")
    await alex.expect("nothing was deleted")
    assert await rows_mentioning(database_url, alex_id, alex.id) != {}

    await alex.send("/delete")
    await alex.answer("It can't be undone", "Yes, delete everything")
    await alex.expect("everything about you is erased")
    assert await rows_mentioning(database_url, alex_id, alex.id) == {}
    assert set(await rows_mentioning(database_url, sam_id, sam.id)) == {
        "person",
        "episode",
        "checkin",
        "escalation",
        "reminder",
    }

    await alex.send("/export")
    await alex.expect("I don't have anything stored about you")
    await alex.send("hello")
    await alex.expect("Is that OK?")  # a newcomer again


async def test_delete_erases_caregiver_links_both_ways_and_invitations(bot, alex, api, database_url):
    sam = Person(api, 2002, "Sam")
    for person in (alex, sam):
        await onboard(person)
    await accept(sam, await invite(alex))  # Alex shares with Sam
    await accept(alex, await invite(sam))  # and follows Sam
    await alex.send("/caregiver")
    await alex.answer("You can invite a partner", "Invite someone")  # a drafted invitation too
    await alex.expect("What should the person you invite receive?")
    await alex.send("/export")
    await alex.expect("Everything I have stored about you")
    [exported] = [upload for upload in api.uploaded(alex.id) if upload.filename.endswith(".json")]
    data = json.loads(exported.data)
    assert [link["caregiver_name"] for link in data["caregiverlink"]] == ["Sam"]  # whom Alex shares with
    assert not {"caregiver_user_id", "caregiver_chat_id", "timezone"} & set(data["caregiverlink"][0])  # Sam's own
    values = [v for rows in data.values() for row in rows for v in row.values()]
    assert sam.id not in values  # neither Sam's Telegram user id nor chat id is in Alex's export
    assert [link["person_name"] for link in data["caregiver_for"]] == ["Sam"]  # whom Alex follows
    assert len(data["caregiverinvite"]) == 2  # the one Sam accepted, and the draft
    assert all(len(invitation["code_hash"] or "") in (0, 64) for invitation in data["caregiverinvite"])  # hashes only

    alex_id = await person_id_of(database_url, alex.id)
    assert {"caregiverlink", "caregiverinvite"} <= set(await rows_mentioning(database_url, alex_id, alex.id))
    await alex.send("/delete")
    await alex.answer("It can't be undone", "Yes, delete everything")
    await alex.expect("everything about you is erased")
    assert await rows_mentioning(database_url, alex_id, alex.id) == {}
    await sam.expect("Alex has stopped sharing with you")
    await sam.expect("Alex has stopped receiving your updates")
    sam_rows = await rows_mentioning(database_url, await person_id_of(database_url, sam.id), sam.id)
    assert "caregiverlink" not in sam_rows and sam_rows.get("caregiverinvite") == 1  # Sam's own invitation stays
