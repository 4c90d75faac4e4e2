"""Invitation codes, deep links, expiry, and what a caregiver is sent."""

import re
from datetime import UTC, datetime, time, timedelta

import pytest

from coach import invites
from coach.invites import Sharing, shown_name

CREATED = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def test_codes_are_random_long_and_fit_a_start_payload():
    codes = {invites.new_code() for _ in range(200)}
    assert len(codes) == 200
    assert invites.CODE_LENGTH * 5 >= 128
    for code in codes:
        payload = invites.start_payload(code)
        assert len(payload) <= 64 and re.fullmatch(r"[A-Za-z0-9_-]+", payload)
        assert any(c in "23456789" for c in code)


def test_only_a_hash_is_stored_and_it_ignores_how_the_code_was_typed():
    code = invites.new_code()
    digest = invites.hash_code(code)
    assert re.fullmatch(r"[0-9a-f]{64}", digest) and code not in digest
    assert invites.hash_code(invites.display_code(code)) == digest
    assert invites.hash_code(invites.new_code()) != digest


def test_deep_link_round_trips_through_the_start_payload():
    code = invites.new_code()
    link = invites.deep_link("@BackCoachBot", code)
    assert link == f"https://t.me/BackCoachBot?start=c_{code}"
    assert invites.code_from_start_payload(link.split("start=")[1]) == code
    assert invites.code_from_text(link) == code
    assert invites.code_from_text(f"/start c_{code}") == code
    assert invites.code_from_text(f"{link}&utm=x") == code


def test_a_typed_code_is_read_leniently_where_that_is_safe():
    code = "0123456789abcdefghjkmnpqrstv"
    assert invites.code_from_text(f"  {invites.display_code(code)} ") == code
    assert invites.code_from_text("O123 4567 89AB CDEF GHJK MNPQ RSTV") == code  # O for 0, spaces
    assert invites.code_from_text("oi23456789abcdefghjkmnpqrstv") == code  # o, i for 0, 1
    assert invites.code_from_text(code.upper()) == code


@pytest.mark.parametrize(
    "text",
    [
        "",
        "hello",
        "my back feels hot and tingly today",
        "0123456789abcdefghjkmnpqrst",  # one short
        "0123456789abcdefghjkmnpqrstvw",  # one long
        "0123456789abcdefghjkmnpqrstu",  # u is not in the alphabet
        "0123456789abcdefghjkmnpqrs_v",
        "https://t.me/BackCoachBot?start=hello",
    ],
)
def test_anything_else_is_not_a_code(text):
    assert invites.code_from_text(text) is None


def test_words_without_a_digit_are_never_read_as_a_code():
    assert invites.code_from_text("abcdefghjkmnpqrstvwxyz abcdef") is None  # 28 letters of the alphabet
    assert invites.code_from_text("abcdefghjkmnpqrstvwxyz abcde2") == "abcdefghjkmnpqrstvwxyzabcde2"


def test_other_start_payloads_are_not_invitations():
    assert invites.code_from_start_payload("") is None
    assert invites.code_from_start_payload("0123456789abcdefghjkmnpqrstv") is None
    assert invites.code_from_start_payload("c_short") is None


def test_invitations_last_48_hours():
    assert not invites.is_expired(CREATED, CREATED + timedelta(hours=47, minutes=59))
    assert invites.is_expired(CREATED, CREATED + timedelta(hours=48))
    assert invites.expires_at(CREATED) == CREATED + timedelta(hours=48)


def test_sharing_round_trips_through_storage():
    examples = [
        Sharing(),
        Sharing(daily=False, weekly=False, missed_after=None, escalations=False),
        Sharing(missed_after=3, daily_time=time(7, 45), screening=True),
    ]
    for sharing in examples:
        assert Sharing.from_dict(sharing.to_dict()) == sharing
        assert Sharing.from_text(sharing.to_text()) == sharing
    assert Sharing().to_text() == "d w m2 e @20:00"
    assert Sharing.from_dict({}) == Sharing()


@pytest.mark.parametrize("bad", [{"missed_after": 4}, {"missed_after": 0}, {"daily_time": time(20, 0, 30)}])
def test_sharing_rejects_impossible_choices(bad):
    with pytest.raises(ValueError):
        Sharing(**bad)


def test_describe_says_what_is_received_in_plain_words():
    assert Sharing().describe() == [
        "a daily summary at 20:00",
        "a weekly summary with a progress chart",
        "an alert after 2 missed check-ins in a row",
        "an alert if they are told to get urgent or emergency care",
    ]
    assert Sharing(daily=False, weekly=False, missed_after=1, escalations=False).describe() == [
        "an alert after a missed check-in"
    ]
    assert Sharing(False, False, None, False).describe() == []
    assert not Sharing(False, False, None, False).shares_anything


def test_the_choice_as_questions():
    ticked = {"daily", "missed", "escalations"}
    sharing = invites.sharing_from(ticked, missed_after=3, daily_time=time(19, 30))
    assert sharing == Sharing(daily=True, weekly=False, missed_after=3, escalations=True, daily_time=time(19, 30))
    assert invites.ticked(sharing) == ticked
    assert {o.value for o in invites.SHARE_WHAT.options} >= ticked and invites.SHARE_WHAT.multi
    assert invites.MISSED_AFTER.option("2") and not invites.MISSED_AFTER.option("4")
    assert invites.DAILY_TIME.typed
    with pytest.raises(ValueError):
        invites.sharing_from({"notes"})


def test_names_shown_to_the_other_side_cannot_reorder_or_break_a_message():
    assert shown_name("Al\u202eex") == "Alex"  # a right-to-left override would turn the alert around
    assert shown_name("Sam\u200b\u2066\n\tPat") == "Sam Pat"
    assert shown_name("Zoë 👩‍⚕️") == "Zoë 👩⚕️"
    assert shown_name(None) == "" and len(shown_name("x" * 500)) == 64
