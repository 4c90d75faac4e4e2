"""Pain told in numbers in free text: "3 on Monday, 5 yesterday, 6 today", "up from 2 to 5",
"scores this week 2, 3, 5"."""

from __future__ import annotations

from collections.abc import Sequence

from coach.triage.normalise import Sentence

RISE = 2  # points: CLINICAL's "pain up by 2 or more points"
SEVERE = 7  # a score this high on its own is severe pain
_OUT_OF = frozenset(("/", "out", "outta"))
_LATEST = frozenset("today now tonight currently rn".split())
_EARLIER = frozenset("yesterday before was were started start began first initially originally last".split())
_SCORE_BEFORE = frozenset(
    "from to a at was now then is s scored score of hit around about been stuck still says said".split()
)
_SCORE_AFTER = frozenset("today yesterday now tonight on this last then and to".split()) | _OUT_OF
_NOT_SCORES = frozenset(
    """days day weeks week months month years year hours hour minutes mins times glasses glass cups sessions
    reps sets kg kilos lbs pounds stone miles km am pm oclock times x ibuprofen tablets pills mg ml degrees
    steps people kids year old yo kilo points point pts""".split()
)
_NOT_AFTER_WORDS = frozenset("day week page number level room floor chapter stage session".split())
_RUN_GAP = 4  # tokens between two scores of one run ("2, 3, 5", "4 → 5 → 7")


def _candidates(sentences: Sequence[Sentence]) -> list[tuple[int, float, str, str, str]]:
    """(position in the message, value, word before, word after, the number as written) of each
    number 0-10 that may be a score, in written order."""
    found, position = [], 0
    for sentence in sentences:
        tokens = sentence.tokens
        words = [t.norm for t in tokens]
        for i, token in enumerate(tokens):
            value = token.number
            if value is None or token.glued or not 0 <= value <= 10 or value != int(value):
                continue
            before = words[i - 1] if i > 0 else ""
            after = words[i + 1] if i + 1 < len(words) else ""
            if after in _NOT_SCORES or before in _NOT_AFTER_WORDS or before in ("#time", "x"):
                continue
            if i >= 2 and before in _OUT_OF and tokens[i - 2].number is not None:
                continue  # the 10 of "7/10"
            if i >= 3 and before == "of" and words[i - 2] == "out" and tokens[i - 3].number is not None:
                continue  # the 10 of "7 out of 10"
            if after == "/" and not (i + 2 < len(words) and words[i + 2] in ("10", "ten")):
                continue  # a date or a fraction: "3/5", "1/4"
            if before == "/":
                continue
            found.append((position + i, value, before, after, token.norm))
        position += len(tokens) + 1
    return found


def _scores(sentences: Sequence[Sentence]) -> list[tuple[int, float, str, str, str]]:
    """The candidates that read as pain scores: in a run of numbers, or with score words by them."""
    candidates = _candidates(sentences)
    scores = []
    for index, (at, value, before, after, written) in enumerate(candidates):  # in written order: neighbours suffice
        near = [candidates[j][0] for j in (index - 1, index + 1) if 0 <= j < len(candidates)]
        in_run = any(abs(at - other) <= _RUN_GAP + 1 for other in near)
        if in_run or before in _SCORE_BEFORE or after in _SCORE_AFTER:
            scores.append((at, value, before, after, written))
    return scores


def rising(sentences: Sequence[Sentence]) -> str | None:
    """The scores, as written, when the latest is 2 or more points above an earlier one.

    Scores are read in written order, unless the first is marked as now ("6 today, 3 yesterday"),
    when the order is the other way round."""
    scores = _scores(sentences)
    if len(scores) < 2:
        return None
    first = scores[0]
    if first[3] in _LATEST and any(s[3] in _EARLIER or s[2] in _EARLIER for s in scores[1:]):
        scores.reverse()
    *earlier, latest = (s[1] for s in scores)
    if latest - min(earlier) >= RISE:
        return " … ".join(s[4] for s in scores)  # the person's numbers, in time order
    return None


def bare_score(sentences: Sequence[Sentence]) -> float | None:
    """A message that is only a pain score ("7", "8/10", "six")."""
    if len(sentences) != 1:
        return None
    tokens = sentences[0].tokens
    words = [t.norm for t in tokens]
    if len(tokens) == 1 and tokens[0].number is not None and 0 <= tokens[0].number <= 10:
        return tokens[0].number
    if len(tokens) in (3, 4) and tokens[0].number is not None and words[1] in _OUT_OF and words[-1] in ("10", "ten"):
        return tokens[0].number if 0 <= tokens[0].number <= 10 else None
    return None
