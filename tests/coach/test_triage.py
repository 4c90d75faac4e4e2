"""Red-flag triage: recall over a labelled corpus, plus focused checks by topic."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coach import red_flags
from coach.emergency_numbers import emergency_number
from coach.invites import deep_link, display_code, new_code
from coach.triage import CHECKLIST, Tier, assess_checklist, triage
from coach.triage.language import load
from coach.triage.normalise import clean

E, U, S, C = Tier.EMERGENCY, Tier.URGENT, Tier.SOON, Tier.SELF_CARE


def _load(name: str) -> list[tuple[Tier, str]]:
    lines = (Path(__file__).parent / name).read_text(encoding="utf-8").splitlines()
    rows = (line.split("\t", 1) for line in lines if line)
    return [(Tier.from_key(tier), message) for tier, message in rows]


CORPUS = _load("triage_corpus.tsv")


def _misses(label: Tier, ok) -> list[str]:
    """Corpus messages labelled `label` whose assigned tier fails `ok`, formatted for the report."""
    found = [(triage(m).tier, m) for tier, m in CORPUS if tier == label]
    return [f"  got {got.key:<9} {m}" for got, m in found if not ok(got)]


# ---------------------------------------------------------------------------
# Corpus
# ---------------------------------------------------------------------------
def test_corpus_is_big_and_mixed():
    counts = Counter(tier for tier, _ in CORPUS)
    assert len(CORPUS) >= 320
    assert counts[C] >= 80 and counts[E] >= 60 and counts[U] >= 60 and counts[S] >= 40, counts
    assert len({m for _, m in CORPUS}) == len(CORPUS), "duplicate messages"


def test_every_emergency_is_caught():
    misses = _misses(E, lambda got: got == E)
    assert not misses, "emergency messages not escalated to emergency:\n" + "\n".join(misses)


def test_urgent_cases_are_urgent_or_above():
    misses = _misses(U, lambda got: got >= U)
    assert not misses, "urgent messages under-triaged:\n" + "\n".join(misses)


def test_soon_cases_are_soon_or_above():
    misses = _misses(S, lambda got: got >= S)
    assert not misses, "soon messages under-triaged:\n" + "\n".join(misses)


def test_self_care_cases_mostly_stay_self_care():
    total = sum(1 for tier, _ in CORPUS if tier == C)
    misses = _misses(C, lambda got: got == C)
    report = f"{len(misses)}/{total} self-care messages escalated:\n" + "\n".join(misses)
    assert len(misses) <= 0.1 * total, report


# ---------------------------------------------------------------------------
# Focused behaviour
# ---------------------------------------------------------------------------
def _check(message: str, tier: Tier, trigger: str | None = None) -> None:
    result = triage(message)
    ids = [t.id for t in result.triggers]
    assert result.tier == tier, f"{message!r}: got {result.tier.key} {ids}, expected {tier.key}"
    if trigger:
        assert trigger in ids, f"{message!r}: {trigger} not in {ids}"


@pytest.mark.parametrize(
    ("message", "tier"),
    [
        ("no fever", C),
        ("no fever but I can't pee", E),
        ("I don't have numbness or weakness", C),
        ("I don't have any numbness, tingling or weakness in my legs", C),
        ("not weak, just sore", C),
        ("never lost control of my bladder", C),
        ("bladder is fine", C),
        ("my bladder and bowels are fine", C),
        ("no fever, my legs are numb", E),
        ("no fever and my legs are numb", E),
        ("No numbness. I do have a fever though", U),
        ("the numbness in my legs has gone", C),
        ("my legs have gone numb", E),
        ("I can't feel my legs", E),
        ("I can't pee normally", E),
        ("I didn't even notice I'd wet myself", E),
        ("I'm not sure if I have a fever", U),
        ("what if I get a fever?", C),
        ("fever? no. numbness? no.", C),
        ("I didn't fall, it just started", C),
    ],
)
def test_negation_and_its_scope(message, tier):
    _check(message, tier)


@pytest.mark.parametrize(
    ("message", "tier", "trigger"),
    [
        ("pain in my side under the ribs", S, "possible_flank_infection"),
        ("pain in my side under the ribs and I'm feverish", U, "flank_pain_with_fever_or_urinary"),
        ("side hurts under my ribs and it burns when I pee", U, "flank_pain_with_fever_or_urinary"),
        ("stiff neck from sleeping badly", C, None),
        ("fever and a stiff neck", E, "stiff_neck_with_fever_or_headache"),
        ("a stiff neck and the worst headache of my life", E, "stiff_neck_with_fever_or_headache"),
        ("temp 38.6 and I feel really confused", E, "new_confusion_or_drowsiness"),
        ("I'm confused and I don't know where I am", E, "new_confusion_or_drowsiness"),
        ("fever and a headache", U, "possible_meningism"),
        ("tingling in my left leg", U, "new_one_limb_neuro"),
        ("tingling in both legs", E, "both_legs_neuro"),
        ("my legs are weak", E, "both_legs_neuro"),
        ("my left arm is weak", U, "new_one_limb_neuro"),
        ("tingling down my leg, same as always with my sciatica", C, None),
        ("temp 35.4 and shivering", U, "low_temperature_shivering"),
        ("red, hot and swollen skin on my back", U, "spreading_red_skin"),
        ("the redness is spreading", U, "spreading_red_skin"),
        ("heat pad made it worse today", C, None),
        ("heat pad made it worse again", S, "heat_repeatedly_worse"),
        ("still not better after 3 weeks", S, "no_improvement_two_weeks"),
        ("day 3 and not much better yet", C, None),
    ],
)
def test_combinations(message, tier, trigger):
    _check(message, tier, trigger)


def test_low_temperature_with_shivering_is_not_called_fever():
    ids = [t.id for t in triage("temp 35.4 and I'm shivering").triggers]
    assert ids == ["low_temperature_shivering"]


@pytest.mark.parametrize(
    ("message", "tier"),
    [
        ("temp 39", U),
        ("38.5C", U),
        ("my temp is 39,2", U),
        ("102F", U),
        ("101.5 degrees", U),
        ("38.0 °C", U),
        ("100.4F", U),
        ("temp of 100.4", U),
        ("100.3F", C),
        ("temp 37.2", C),
        ("temperature 36.8, all normal", C),
        ("temp 35.4", S),
        ("it's 38 degrees outside and my back burns", C),
        ("heating pad set to 40°", C),
        ("I'm 39 and my back burns", C),
        ("the parcel weighed 100.5 kg", C),
    ],
)
def test_temperatures(message, tier):
    _check(message, tier)


@pytest.mark.parametrize(
    ("message", "tier"),
    [
        ("numbnes in both legs", E),
        ("my bladdder won't let me pee", E),
        ("feaver since last night", U),
        ("tinglin in my legs", E),
        ("wekness in my legs", E),
        ("FEVRE AND SHIVERS", U),
        ("I never fell", C),  # "never" is not a typo of "fever"
        ("warm towel on my back", C),  # "towel" is not a typo of "bowel"
        ("fell off a ladder", U),  # "ladder" is not a typo of "bladder"
        ("had to cancel my physio", C),  # "cancel" is not a typo of "cancer"
    ],
)
def test_misspellings(message, tier):
    _check(message, tier)


@pytest.mark.parametrize(
    ("message", "trigger"),
    [
        ("peed myself", "bladder_bowel_control"),
        ("wet myself on the way to the loo", "bladder_bowel_control"),
        ("numb down there", "saddle_numbness"),
        ("can't feel my bum", "saddle_numbness"),
        ("legs gave out", "cannot_stand_or_walk"),
        ("feeling shivery", "fever"),
        ("burning when I pee", "urinary_infection_signs"),
        ("I'M BURNING UP 🤒", "fever"),
        ("chest pain!!!", "chest_or_tearing_pain"),
        ("got knocked off my bike", "trauma"),
        ("a stripe of blisters round my side", "rash_or_blisters"),
        ("my foot drags when I walk", "foot_drop"),
    ],
)
def test_everyday_words(message, trigger):
    assert trigger in [t.id for t in triage(message).triggers], message


@pytest.mark.parametrize(
    "message",
    [
        "tried to pee three times and nothing",
        "been trying to wee all morning, nothing comes",
        "sat on the toilet for ages and nothing",
        "straining to go and it won't come",
    ],
)
def test_trying_to_pee_without_result_is_an_emergency(message):
    _check(message, E, "urinary_retention")


@pytest.mark.parametrize(
    "message",
    [
        "two weeks and not better",
        "getting worse every day",
        "the pain wakes me at night",
        "lost weight without trying",
        "I found a lump",
        "I had cancer",
        "heat makes it worse every time",
    ],
)
def test_soon_phrases(message):
    _check(message, S)


@pytest.mark.parametrize(
    "message",
    [
        "my back feels warm",
        "burning between my shoulder blades",
        "tingling in my lower back",
        "my back is burning up today",
        "the ice pack numbs it nicely",
        "fell asleep on the heat pad",
        "hay fever is bad today",
        "thanks!",
        "ok",
        "what should I do today",
        "order 7h3k9x2 arrived, the heat pad",
    ],
)
def test_back_warmth_and_chat_stay_self_care(message):
    _check(message, C)


@pytest.mark.parametrize(
    "message",
    [
        "AB7C 0D2E9XK4MN7P05Q6RT",  # a typed invitation code: its digits are no pain scores
        "G5V8 00DWMEWCN581E1N8VC1GVM67",  # its first group typed apart, with a lone digit in it
        "05BM 8Y2PVDC71WB18664Z7NKH0AR",  # "BM" inside a code is no bowel movement
        "325Y-0PYE-3BND-Z9AA-N9KD-B21A-PNQX",
        "https://t.me/coachbot?start=c_c4rg29khp02dzsjxz4y0v19cn0fw",  # not Spanish, not a trend
        "w82a5z8k6ahvzz3x2anh4y0wvnh3",
    ],
)
def test_codes_and_links_are_not_read_as_words_or_scores(message):
    result = triage(message)
    assert not result.asks, f"{message!r}: {result.to_json()}"


def test_invitation_codes_in_every_written_form_say_nothing():
    for _ in range(300):
        code = new_code()
        for written in (
            code,
            code.upper()[:4] + " " + code.upper()[4:],
            display_code(code),
            deep_link("coachbot", code),
        ):
            assert not triage(written).asks, written


def test_scores_written_onto_words_still_count():
    _check("pain 3 mon 5yesterday 6today", S, "worsening_over_days")


@pytest.mark.parametrize(
    ("message", "at_least"),
    [
        ("my legs feel weird", U),
        ("I feel hot", S),
        ("tingling in my leg", U),
        ("numb", U),
        ("I had an accident", U),
    ],
)
def test_ambiguous_messages_ask_and_stay_safe(message, at_least):
    result = triage(message)
    assert result.tier >= at_least, f"{message!r}: {result.tier.key}"
    assert result.question and result.question.endswith("?"), f"{message!r}: no question"


def test_no_question_when_the_answer_cannot_change_the_tier():
    assert triage("numb and I can't pee").question is None


def test_several_triggers_most_urgent_first_with_quotes():
    message = "Rash on my back, temp 38.4, and I can't feel my bum"
    result = triage(message)
    ids = [t.id for t in result.triggers]
    assert result.tier == E
    assert {"saddle_numbness", "fever", "rash_or_blisters"} <= set(ids), ids
    assert [t.tier for t in result.triggers] == sorted((t.tier for t in result.triggers), reverse=True)
    assert all(t.quote and t.quote.split(" … ")[0] in message for t in result.triggers), result.triggers


def test_to_json():
    assert triage("peed myself and I'm shivery").to_json() == {
        "tier": "emergency",
        "triggers": ["bladder_bowel_control", "fever"],
    }
    assert triage("my back feels warm").to_json() == {"tier": "self_care", "triggers": []}
    assert [t.key for t in Tier] == ["self_care", "soon", "urgent", "emergency"]


@given(st.text(max_size=300))
def test_any_text_gives_a_consistent_assessment(text):
    result = triage(text)
    assert result.tier == max((t.tier for t in result.triggers), default=C)
    assert [t.tier for t in result.triggers] == sorted((t.tier for t in result.triggers), reverse=True)
    cleaned = clean(text, load("en").spelling.emoji)
    assert all(part in cleaned for t in result.triggers for part in t.quote.split(" … "))


# ---------------------------------------------------------------------------
# Rules data and checklist
# ---------------------------------------------------------------------------
def test_rules_are_well_formed():
    rules = red_flags.RULES + red_flags.VAGUE
    ids = [r.id for r in rules]
    assert len(ids) == len(set(ids))
    concepts = set(load("en").concepts)
    known = set(ids) | {s.id for s in red_flags.SIGNALS} | concepts
    for rule in rules + red_flags.SIGNALS:
        assert re.fullmatch(r"[a-z]+(?:_[a-z]+)*", rule.id), rule.id
        assert rule.any_of or rule.linked, rule.id
        assert set(rule.concepts) <= concepts, (rule.id, set(rule.concepts) - concepts)
        assert set(rule.with_any) | set(rule.unless) <= known, rule.id
    for rule in rules:
        assert rule.tier in ("emergency", "urgent", "soon") and rule.label, rule.id
    assert all(r.question.endswith("?") for r in red_flags.VAGUE)


def test_checklist_covers_every_emergency_and_urgent_trigger():
    assert 8 <= len(CHECKLIST) <= 12
    assert len({i.id for i in CHECKLIST}) == len(CHECKLIST)
    for item in CHECKLIST:
        assert len(item.label) <= 40, item.label
        assert item.tier in ("emergency", "urgent"), item.id
    covered = {rule_id for item in CHECKLIST for rule_id in item.covers}
    needed = {r.id for r in red_flags.RULES if r.tier in ("emergency", "urgent")}
    assert needed <= covered, f"not in the checklist: {sorted(needed - covered)}"


def test_assess_checklist():
    result = assess_checklist(["fever", "saddle_numbness", "fever"])
    assert result.tier == E
    assert [t.id for t in result.triggers] == ["saddle_numbness", "fever"]
    assert all(t.quote == "" for t in result.triggers)
    assert result.to_json() == {"tier": "emergency", "triggers": ["saddle_numbness", "fever"]}
    assert assess_checklist(["trauma"]).tier == U
    assert assess_checklist([]).to_json() == {"tier": "self_care", "triggers": []}
    with pytest.raises(ValueError, match="nope"):
        assess_checklist(["fever", "nope"])


# ---------------------------------------------------------------------------
# Emergency numbers
# ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("zone", "number"),
    [
        ("Europe/London", "999"),
        ("America/New_York", "911"),
        ("Europe/Berlin", "112"),
        ("Australia/Sydney", "000"),
        (None, "112"),
        ("", "112"),
        ("America/Toronto", "911"),
        ("Europe/Dublin", "112"),
        ("Pacific/Auckland", "111"),
        ("Asia/Kolkata", "112"),
        ("Asia/Calcutta", "112"),  # old alias
        ("US/Eastern", "911"),  # old alias
        ("Asia/Tokyo", "119"),
        ("Etc/UTC", "112"),
        ("Mars/Olympus_Mons", "112"),
    ],
)
def test_emergency_number(zone, number):
    assert emergency_number(zone) == number
