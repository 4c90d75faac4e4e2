"""ConText: which mentions are negated, past, resolved, someone else's past, hypothetical or
explained away, and by which words (Harkema, Dowling, Thornblade and Chapman, "ConText: an
algorithm for determining negation, experiencer, and temporal status from clinical reports",
J Biomed Inform 2009).

Each modifier reaches forward, backward or both from where it stands, for at most its scope,
and its reach ends at:

* the end of the sentence, or a `terminate` phrase ("but", "although", "apart from");
* for historical and resolved modifiers, a `current` one ("now", "today", "again");
* going forward, "and", "plus" or a comma followed by a new concept: "no fever and numbness in
  both legs" negates only the fever. "or" and "nor" carry a negation on ("no numbness or
  tingling"), and so does a comma in a list that ends with one ("no numbness, tingling or
  weakness");
* going backward, a conjunction between mentions of different kinds: "my legs are numb and my
  bladder is fine" clears the bladder, not the legs, while "my bladder and bowels are fine"
  clears both.

A modifier that overlaps a mention is part of it and modifies nothing ("no feeling", "can't
pee"); a `pseudo` phrase ("not sure", "no better") switches off the modifiers inside it. A
modifier that reaches only a pronoun ("it's gone now") applies to what the pronoun stands for:
the last symptom or event mentioned before it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from coach.red_flags.rule import Modifier
from coach.triage.phrases import Lexicon, Match

DISCOUNTING = ("negated", "resolved", "historical", "family", "family_past", "hypothetical", "exertion")
_CONTINUE_LISTS = frozenset({"or", "nor", "/"})
_LIST_REACH = 3  # tokens a negation reaches further for each "or" of its list
_JOINS = frozenset({"and", ",", "plus", "&", "also"})
PRONOUNS = frozenset(
    {"it", "its", "they", "them", "this", "that", "these", "those", "which", "everything", "all", "one", "any"}
)


@dataclass
class Mention:
    """A concept named in a sentence, and what the modifiers around it say."""

    concept: str
    role: str
    sentence: int
    start: int  # token range [start, end) in its sentence
    end: int
    quote: str
    by: dict[str, str] = field(default_factory=dict)  # modifier category -> the words that set it

    def discounted(self, *, history_counts: bool = False) -> bool:
        """Whether the mention does not report a current symptom of the person (or of whoever
        they write about: someone else's current symptom counts)."""
        for category in DISCOUNTING:
            if category in self.by and not (history_counts and category == "historical"):
                return True
        return False


_ANSWERS = frozenset({"no", "nope", "nah", "nae"})
SUBJECTS = frozenset("i he she we they".split())  # the subject of a clause of its own
_CLAUSE_LEADS = frozenset("and , then now suddenly today tonight also but yet".split())
_NEGATIVES = frozenset("cant couldnt not no dont doesnt didnt isnt arent wont wouldnt never cannot".split())
_CLAUSE_END_WORDS = frozenset(
    ", / and but though so now completely already again thankfully luckily for away altogether".split()
)
_CLAUSE_STARTS = frozenset(
    "i me my it its there he she his her they their we you this that now then also still today".split()
)


def _answers(words: Sequence[str], after: int) -> bool:
    """A bare "no" before a comma, a new clause or the end answers a question."""
    return after == len(words) or words[after] in (",", "/") or words[after] in _CLAUSE_STARTS


@dataclass(frozen=True)
class _Cue:
    category: str
    direction: str
    scope: int
    applies_to: frozenset[str]
    start: int
    end: int
    words: str


@dataclass(frozen=True)
class Reach:
    """A modifier and the tokens [start, end) it reaches."""

    cue: _Cue
    start: int
    end: int


class ConText:
    """The modifiers of one language, compiled."""

    def __init__(self, modifiers: Sequence[Modifier], roles: dict[str, str]):
        entries: dict[str, tuple[str, ...]] = {}
        self._final: set[str] = set()
        self._specs: dict[str, tuple[str, str, int, frozenset[str]]] = {}
        for index, modifier in enumerate(modifiers):
            name = f"{modifier.category}#{index}"
            entries[name] = modifier.phrases
            self._specs[name] = (modifier.category, modifier.direction, modifier.scope, frozenset(modifier.applies_to))
            if modifier.final:
                self._final.add(name)
        self.lexicon = Lexicon(entries)
        self.roles = roles

    def assert_sentence(
        self, words: Sequence[str], numbers: Sequence[float | None], barriers: Sequence[bool], mentions: list[Mention]
    ) -> list[Reach]:
        """Mark each mention of one sentence with the modifiers that reach it; returns every cue
        with its reach (for pronouns, and for `coach triage --explain`)."""
        taken = [False] * len(words)
        for m in mentions:
            if m.role != "qualifier":  # "three years" is a time and also part of "three years ago"
                for i in range(m.start, m.end):
                    taken[i] = True
        cues = self._cues(words, numbers, barriers, taken)
        now = [c.start for c in cues if c.category == "current"]
        cues = [
            c for c in cues if c.category != "family_past" or not any(c.start - 6 <= i <= c.end + c.scope for i in now)
        ]
        reaches = []
        ends = _Ends(cues, mentions)
        for cue in cues:
            if cue.category in ("terminate", "current"):
                continue
            a, b = self._reach(cue, words, ends)
            reaches.append(Reach(cue, a, b))
            for m in mentions:
                inside = a <= m.start and m.end <= b and not (m.start < cue.end and cue.start < m.end)
                if inside and (not cue.applies_to or m.concept in cue.applies_to):
                    m.by.setdefault(cue.category, cue.words)
        return reaches

    def _cues(
        self, words: Sequence[str], numbers: Sequence[float | None], barriers: Sequence[bool], taken: list[bool]
    ) -> list[_Cue]:
        found: list[_Cue] = []
        matches = self.lexicon.match(words, numbers, barriers)
        pseudo = [m for m in matches if self._specs[m.name][0] == "pseudo"]
        usable = []
        for m in matches:
            category = self._specs[m.name][0]
            if category == "pseudo":
                continue
            if m.name in self._final and m.end < len(words) and words[m.end] not in _CLAUSE_END_WORDS:
                continue  # "it's gone numb" is no recovery
            if category != "terminate" and any(p.start < m.end and m.start < p.end for p in pseudo):
                continue  # "not sure", "no better", "never had that before"
            if category not in ("terminate", "current") and any(taken[i] for i in range(m.start, m.end)):
                # part of a mention ("no feeling", "can't pee"); a cue that only runs into one keeps its
                # own words: "I don't have | a temperature", "if you | lose control"
                end = next(i for i in range(m.start, m.end) if taken[i])
                if end == m.start:
                    continue
                m = Match(m.name, m.start, end)
            usable.append(m)
        for m in _longest_per_category(usable, self._specs):
            category, direction, scope, applies_to = self._specs[m.name]
            if category == "negated" and words[m.start] in _ANSWERS and m.end - m.start == 1 and _answers(words, m.end):
                continue  # "No, I can't pee": an answer, not a negation
            if category == "negated" and direction == "forward" and m.end < len(words) and words[m.end] in SUBJECTS:
                continue  # "my bladder isn't, I can't go": the negation ends its own clause
            found.append(_Cue(category, direction, scope, applies_to, m.start, m.end, " ".join(words[m.start : m.end])))
        return found

    def _reach(self, cue: _Cue, words: Sequence[str], ends: _Ends) -> tuple[int, int]:
        """The token range [a, b) a cue reaches."""
        stops = ends.past_stops if cue.category in ("historical", "resolved", "family") else ends.stops
        a, b = cue.start, cue.end
        if cue.direction in ("forward", "both"):
            b = self._forward(cue, words, stops, ends.by_start, len(words))
        if cue.direction in ("backward", "both"):
            a = self._backward(cue, words, stops, ends.role_at)
        return a, b

    def _forward(self, cue: _Cue, words: Sequence[str], stops: set[int], by_start: dict[int, Mention], n: int) -> int:
        limit = min(n, cue.end + cue.scope)
        seen_concept = False
        i = cue.end
        while i < limit:
            if i in stops and i > cue.end - 1:
                return i
            word = words[i]
            if (
                cue.category == "negated"
                and word in _JOINS
                and seen_concept
                and self._new_concept_after(i, words, by_start, limit)
                and not (word == "," and _list_goes_on(words, i, limit))
            ):
                return i
            if word == "," and i + 1 < n and words[i + 1] in _CLAUSE_STARTS and not _list_goes_on(words, i, limit):
                return i  # "not the season fall, I really fell"
            if cue.category == "negated" and word in _JOINS and _new_clause(words, i + 1):
                return i  # "didn't lift anything, and suddenly I can't walk"
            if i in by_start:
                seen_concept = True
            if cue.category == "negated" and word in _CONTINUE_LISTS:
                limit = min(n, limit + _LIST_REACH)  # "no pain in my legs or anything or any rash"
            i += 1
        return limit

    def _new_concept_after(self, i: int, words: Sequence[str], by_start: dict[int, Mention], limit: int) -> bool:
        """Whether a concept starts within the next few words ("and my legs", ", its both legs")."""
        for j in range(i + 1, min(i + 5, len(words))):
            if j in by_start:
                return True
            if words[j] in _JOINS or words[j] in _CONTINUE_LISTS:
                return False
        return False

    def _backward(self, cue: _Cue, words: Sequence[str], stops: set[int], role_at: dict[int, str]) -> int:
        limit = max(0, cue.start - cue.scope)
        i = cue.start - 1
        while i >= limit:
            if i in stops or words[i] == ",":
                return i + 1
            if words[i] in _NEGATIVES:
                return cue.start  # "I can't pee normally" is still a complaint
            if words[i] in ("and", "or", "plus", "&"):
                before = next((role_at[j] for j in range(i - 1, limit - 1, -1) if j in role_at), None)
                after = next((role_at[j] for j in range(i + 1, cue.start) if j in role_at), None)
                if before is not None and after is not None and _kind(before) != _kind(after):
                    return i + 1
            i -= 1
        return limit


class _Ends:
    """What ends a scope in one sentence, gathered once for all its cues."""

    def __init__(self, cues: list[_Cue], mentions: list[Mention]) -> None:
        self.stops = {c.start for c in cues if c.category == "terminate"}
        self.past_stops = self.stops | {c.start for c in cues if c.category == "current"}  # "years ago, but now"
        self.by_start: dict[int, Mention] = {}
        self.role_at: dict[int, str] = {}
        for m in mentions:
            self.by_start.setdefault(m.start, m)
            for i in range(m.start, m.end):
                self.role_at.setdefault(i, m.role)


def _kind(role: str) -> str:
    return "symptom" if role == "symptom" else "thing"


def _new_clause(words: Sequence[str], i: int) -> bool:
    """Whether a clause with its own subject starts at `i` ("and suddenly I", ", and she")."""
    for word in words[i : i + 3]:
        if word in SUBJECTS:
            return True
        if word not in _CLAUSE_LEADS:
            return False
    return False


def _list_goes_on(words: Sequence[str], comma: int, limit: int) -> bool:
    """Does a negation carry on past this comma? Yes in a list: "no numbness, tingling or weakness"."""
    for word in words[comma + 1 : limit + 4]:
        if word in ("or", "nor"):
            return True
        if word in ("and", "but", "i", "my", "it", "now", "then"):
            return False
    return False


def _longest_per_category(
    matches: Iterable[Match], specs: dict[str, tuple[str, str, int, frozenset[str]]]
) -> list[Match]:
    """Within a category, a cue inside a longer cue of the same category is dropped."""
    by_category: dict[str, list[Match]] = {}
    for m in matches:
        by_category.setdefault(specs[m.name][0], []).append(m)
    kept: list[Match] = []
    for group in by_category.values():
        group.sort(key=lambda m: (m.start, -m.end))
        furthest = -1
        for m in group:
            if m.end <= furthest:
                continue
            kept.append(m)
            furthest = max(furthest, m.end)
    kept.sort(key=lambda m: (m.start, m.end))
    return kept
