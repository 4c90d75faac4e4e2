"""The triage on messages written by people who never saw its rules (tests/corpora/README.md).

Each part is held to floors. Where the issue's floor is met, the test holds it; where it is not
yet met (emergency recall and under-triage on the sealed holdout), the test holds the level
reached, so that no change can quietly lose ground, and docs/triage.md says how far is left.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from coach.triage import Tier, triage

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from triage_score import load, score  # noqa: E402

# part: (emergencies missed at most, emergency or urgent under-triaged at most, of them silent at most)
REACHED = {"dev": (12, 18, 8), "holdout": (51, 58, 23)}
KEPT = 0.92  # self-care lines kept at self-care
NET = 0.10  # self-care lines that get the red-flag checklist


@pytest.fixture(scope="module", params=["dev", "holdout"])
def part(request):
    result, _ = score(load("triage", request.param))
    return request.param, result


def test_emergencies_are_answered_as_emergencies(part):
    name, result = part
    missed, _, _ = REACHED[name]
    assert result.emergencies >= 500, "the part must hold enough emergencies to bound recall"
    assert result.emergencies - result.emergency_hits <= missed, (
        f"{name}: emergency recall {result.emergency_hits}/{result.emergencies}"
    )


def test_emergency_and_urgent_messages_are_not_under_triaged(part):
    name, result = part
    _, under, silent = REACHED[name]
    assert result.under_triaged <= under, f"{name}: {result.under_triaged} under-triaged"
    assert result.under_silent <= silent, f"{name}: {result.under_silent} under-triaged with nothing asked"


def test_self_care_stays_self_care_and_the_checklist_is_not_the_answer_to_everything(part):
    name, result = part
    assert result.kept >= KEPT, f"{name}: self-care kept {result.self_care_kept}/{result.self_care}"
    assert result.net_share <= NET, f"{name}: checklist on {result.net_on_self_care}/{result.self_care} self-care lines"


def test_messages_in_other_languages_are_never_met_with_silence(part):
    name, result = part
    assert result.other_language_silent == 0, f"{name}: {result.other_language_silent} silent"


@pytest.mark.parametrize("corpus", ["es", "ru"])
@pytest.mark.parametrize("name", ["dev", "holdout"])
def test_spanish_and_russian_warning_signs_get_an_answer(corpus, name):
    """The coach reads only English red flags; a Spanish or Russian emergency still gets the
    checklist or a tier, never silence."""
    rows = [r for r in load(corpus, name) if r.label >= Tier.URGENT]
    silent = [r.text for r in rows if not triage(r.text).asks]
    assert len(rows) >= 50
    assert not silent, silent[:5]
