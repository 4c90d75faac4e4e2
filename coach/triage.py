"""Red-flag triage: how soon a person needs help, from what they wrote.

Pure Python, no I/O. The clinical content (triggers, phrases, word lists) is
data in ``coach.red_flags``; this module reads text the way people write it
(typos, contractions, negation, temperatures in °C or °F) and applies it.

How a message is read:

1. Normalise: lower case, contractions joined, one-letter typos of key words
   corrected, measured temperatures turned into ``hightemp`` / ``normaltemp`` /
   ``lowtemp``; split into sentences.
2. Mark negated words: a negation reaches forward to the end of its clause
   ("I don't have numbness or weakness"); "fine", "ok", "gone" reach back
   ("bladder is fine"); "what if ..." makes the rest hypothetical.
3. A phrase counts when it is not negated (negative words inside the phrase
   itself, as in "can't pee", do not count) and not wholly inside a harmless
   look-alike ("fell asleep").
4. Rules fire from their phrases, combinations need their ``also``; the more
   specific ``unless`` rules and definite triggers of a higher tier silence
   vague reports. The most urgent tier wins.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum
from functools import lru_cache

from coach import red_flags as rf
from coach.red_flags import CHECKLIST

__all__ = ["CHECKLIST", "Assessment", "Tier", "Trigger", "assess_checklist", "triage"]


class Tier(IntEnum):
    SELF_CARE = 0
    SOON = 1
    URGENT = 2
    EMERGENCY = 3

    @property
    def key(self) -> str:
        """The name used in JSON and storage: self_care, soon, urgent or emergency."""
        return self.name.lower()

    @classmethod
    def from_key(cls, key: str) -> Tier:
        return cls[key.upper()]


@dataclass(frozen=True)
class Trigger:
    id: str
    tier: Tier
    label: str
    quote: str  # the person's own words that matched ("" for checklist answers)


@dataclass(frozen=True)
class Assessment:
    tier: Tier
    triggers: tuple[Trigger, ...]
    question: str | None = None  # a direct yes/no question when the message is ambiguous

    def to_json(self) -> dict:
        return {"tier": self.tier.key, "triggers": [t.id for t in self.triggers]}


# ---------------------------------------------------------------------------
# Pattern compilation
# ---------------------------------------------------------------------------
_STOP = "|".join(
    sorted(rf.NEGATION_WORDS | {"and", "but", "or", ",", "because", "though", "although", "while"})
)
_GAP = rf" (?:(?!(?:{_STOP}) )[^ ]+ ){{0,3}}?"


def _expand(pattern: str) -> str:
    """Insert ``TERMS`` for ``{name}`` and the word gap for `` ~ ``."""
    for _ in range(5):  # terms may use terms
        pattern = re.sub(r"\{([a-z_]+)\}", lambda m: f"(?:{rf.TERMS[m[1]]})", pattern)
    return pattern.replace(" ~ ", _GAP)


def _compile(patterns: Iterable[str]) -> re.Pattern | None:
    """One regex for a list of phrases, each matching whole words only."""
    patterns = tuple(patterns)
    if not patterns:
        return None
    body = "|".join(f"(?:{_expand(p)})" for p in patterns)
    return re.compile(rf"(?<![^ ])(?:{body})(?![^ ])")


@dataclass(frozen=True)
class _Compiled:
    rule: rf.Rule
    tier: Tier
    says: re.Pattern
    except_with: re.Pattern | None
    order: int


_RULES = tuple(
    _Compiled(r, Tier.from_key(r.tier), _compile(r.says), _compile(r.except_with), i)
    for i, r in enumerate(rf.RULES + rf.AMBIGUITIES)
)
_AMBIGUOUS = frozenset(r.id for r in rf.AMBIGUITIES)
_SIGNALS = {name: _compile(patterns) for name, patterns in rf.SIGNALS.items()}
_BENIGN = _compile(rf.BENIGN)
_PSEUDO = _compile(rf.PSEUDO_NEGATIONS)
_POST = _compile(rf.POST_NEGATIONS)
_HYPOTHETICAL = _compile(rf.HYPOTHETICAL)
_CHECKLIST = {item.id: item for item in CHECKLIST}

# ---------------------------------------------------------------------------
# Tokenising and normalising
# ---------------------------------------------------------------------------
_TOKEN = re.compile(
    r"""
    (?P<num>\d+(?:[.,]\d{1,2}(?!\d))?)
        (?:\s?(?P<unit>[°º]\s?[cf]?|degrees?(?:\s?(?:c|f|celsius|fahrenheit|centigrade)\b)?
        |deg\b|celsius\b|fahrenheit\b|centigrade\b|c\b|f\b))?
    |(?P<word>[^\W\d_]+(?:['’][^\W\d_]+)*)
    |(?P<mark>[,/])
    |(?P<dash>\s[-–—]+\s)
    |(?P<other>\S)
    """,
    re.VERBOSE | re.IGNORECASE,
)
_BREAKS = frozenset(".!?;:()[]{}…\n")
_SYMBOL_WORDS = {"&": "and", "+": "and", "🤒": "fever", "🥵": "i feel hot"}
_CONTRACTIONS = {"s": "is", "m": "am", "re": "are", "ve": "have", "ll": "will", "d": "would"}
_TEMP_WORDS = frozenset("temp temps temperature temperatures fever thermometer".split())
_TEMP_CONTEXT = _TEMP_WORDS | frozenset("running reading reads read spiked spiking hit".split())
_NOT_BODY = frozenset(
    "outside outdoors weather bath shower water pad pads setting settings room sauna oven wash"
    " sun heatwave car house flat office thermostat".split()
)
_NO_ANSWERS = [["no"], ["nope"], ["nah"], ["none"], ["never"], ["not", "really"], ["no", "never"]]
_OTHER_UNITS = frozenset(
    "kg kgs kilo kilos lb lbs pound pounds stone mg ml g km miles mi m cm mm min mins minutes hour"
    " hours hrs day days week weeks month months year years steps percent bpm calories cals am pm"
    " times".split()
)
_MAX_SCOPE = 12  # words a negation reaches forward
_MAX_BACK = 8  # words "fine" / "ok" / "gone" reach back


@dataclass(slots=True)
class _Token:
    norm: str  # normalised word(s), "," or "/", or a temperature word
    start: int  # span in the (NFKC-normalised) text, for quotes
    end: int


# ---------------------------------------------------------------------------
# Spelling
# ---------------------------------------------------------------------------
def _one_edit_apart(a: str, b: str) -> bool:
    """True when a and b differ by one insertion, deletion, substitution or swap."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return a == b
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        swapped = a[i : i + 2] == b[i : i + 2][::-1] and a[i + 2 :] == b[i + 2 :]
        return swapped or a[i + 1 :] == b[i + 1 :]
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return longer[i + 1 :] == shorter[i:]


def _first_word(token: str) -> str:
    return token.split(" ", 1)[0]


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _typo_index() -> dict[str, frozenset[str]]:
    """Symmetric-delete index: each target and its one-letter deletions -> targets."""
    index: dict[str, set[str]] = {}
    for target in rf.TYPO_TARGETS:
        for key in _deletes(target) | {target}:
            index.setdefault(key, set()).add(target)
    return {key: frozenset(targets) for key, targets in index.items()}


_TYPO_INDEX = _typo_index()
_PHRASE_TEXT = " ".join(
    [p for r in rf.RULES + rf.AMBIGUITIES for p in r.says + r.except_with] + list(rf.TERMS.values())
)
# Words the rules already understand are never "corrected".
_KNOWN = (
    rf.TYPO_TARGETS
    | rf.NOT_TYPOS
    | rf.NEGATION_WORDS
    | rf.SCOPE_ENDS
    | frozenset(re.findall(r"[a-z]{5,}", _PHRASE_TEXT))
)


@lru_cache(maxsize=65536)
def _spell(word: str) -> str:
    """Fix a listed misspelling, or a one-letter typo of a key word of 5+ letters."""
    if word in rf.SPELLINGS:
        return rf.SPELLINGS[word]
    if len(word) < 5 or word in _KNOWN:
        return word
    candidates: set[str] = set(_TYPO_INDEX.get(word, ()))
    for key in _deletes(word):
        candidates |= _TYPO_INDEX.get(key, frozenset())
    matches = sorted(c for c in candidates if _one_edit_apart(word, c))
    return matches[0] if matches else word


def _word(raw: str) -> str:
    """Normalise a written word: "Can't" -> "cant", "I'm" -> "i am", "feaver" -> "fever"."""
    base, apostrophe, suffix = raw.lower().replace("’", "'").partition("'")
    if not apostrophe:
        return _spell(base)
    if suffix == "t" and base.endswith("n"):
        return _spell(base + "t")
    if suffix == "d" and base in ("pee", "wee", "poo"):
        return base + "d"
    return " ".join(w for w in (_spell(base), _CONTRACTIONS.get(suffix.replace("'", ""), "")) if w)


# ---------------------------------------------------------------------------
# Temperatures
# ---------------------------------------------------------------------------
def _temperature(number: str, unit: str, before: list[str], after: str, sentence: set[str]) -> str | None:
    """The word hightemp, normaltemp or lowtemp if the number is a body temperature."""
    value = float(number.replace(",", "."))
    if _first_word(after) in _OTHER_UNITS:
        return None
    unit = unit.lower().replace(" ", "")
    if unit.endswith(("c", "celsius", "centigrade")):
        scale = "C"
    elif unit.endswith(("f", "fahrenheit")):
        scale = "F"
    elif unit or _TEMP_CONTEXT & set(before):  # "39 degrees", "temp 39", "fever of 101"
        scale = "C" if value <= 45 else "F"
    elif not number.isdigit() and 35 <= value < 43:  # a bare "38.5" or "100.4"
        scale = "C"
    elif not number.isdigit() and 95 <= value < 110:
        scale = "F"
    else:
        return None
    if _NOT_BODY & sentence and not _TEMP_WORDS & sentence:
        return None  # "the bath is 38 degrees", "40° outside"
    low, high, lowest, highest = (36.0, 38.0, 30, 45) if scale == "C" else (96.8, 100.4, 86, 113)
    if not lowest <= value <= highest:
        return None
    return "hightemp" if value >= high else "lowtemp" if value < low else "normaltemp"


def _tokenise(text: str) -> list[list[_Token]]:
    """Split NFKC-normalised text into sentences of normalised tokens.

    A sentence ending in "?" that the next sentence answers with a bare "no"
    ("fever? no.") is dropped.
    """
    sentences: list[list[_Token]] = [[]]
    questions: set[int] = set()
    numbers: list[tuple[list[_Token], int, re.Match]] = []  # (sentence, position, match)
    for m in _TOKEN.finditer(text):
        kind, value, sentence = m.lastgroup, m[0], sentences[-1]
        if kind in ("num", "unit"):
            numbers.append((sentence, len(sentence), m))
            sentence.append(_Token(m["num"], m.start(), m.end()))
        elif kind == "word":
            sentence.append(_Token(_word(value), m.start(), m.end()))
        elif kind == "mark":
            sentence.append(_Token(value, m.start(), m.end()))
        elif value in _SYMBOL_WORDS:
            sentence.append(_Token(_SYMBOL_WORDS[value], m.start(), m.end()))
        elif (kind == "dash" or value in _BREAKS or unicodedata.category(value) == "So") and sentence:
            if value == "?":
                questions.add(len(sentences) - 1)
            sentences.append([])
    for sentence, i, m in numbers:
        words = [t.norm for t in sentence]
        after = words[i + 1] if i + 1 < len(words) else ""
        temp = _temperature(m["num"], m["unit"] or "", words[max(0, i - 3) : i], after, set(words))
        sentence[i].norm = temp or sentence[i].norm
    answered_no = {
        i for i in questions if i + 1 < len(sentences) and [t.norm for t in sentences[i + 1]] in _NO_ANSWERS
    }
    return [s for i, s in enumerate(sentences) if s and i not in answered_no]


# ---------------------------------------------------------------------------
# One sentence: negation scopes and phrase matching
# ---------------------------------------------------------------------------
class _Sentence:
    __slots__ = ("tokens", "text", "offsets", "negated_by", "benign")

    def __init__(self, tokens: list[_Token]) -> None:
        self.tokens = tokens
        self.text = " ".join(t.norm for t in tokens)
        self.offsets, position = [], 0
        for t in tokens:
            self.offsets.append(position)
            position += len(t.norm) + 1
        self.negated_by = self._negation()
        self.benign = [self._span(m) for m in _BENIGN.finditer(self.text)]

    def _span(self, m: re.Match) -> tuple[int, int]:
        """Token range [a, b) covered by a match."""
        return bisect_right(self.offsets, m.start()) - 1, bisect_right(self.offsets, m.end() - 1)

    def _negation(self) -> list[int | None]:
        """For each token, the index of the negation that covers it, if any."""
        words = [t.norm for t in self.tokens]
        n = len(words)
        negated_by: list[int | None] = [None] * n
        shielded = {i for m in _PSEUDO.finditer(self.text) for i in range(*self._span(m))}

        def cover(i: int, cue: int) -> None:
            if negated_by[i] is None:
                negated_by[i] = cue

        def is_cue(i: int) -> bool:
            return words[i] in rf.NEGATION_WORDS and i not in shielded

        for m in _HYPOTHETICAL.finditer(self.text):
            a, _ = self._span(m)
            for i in range(a, n):
                cover(i, a)
        for cue in range(n):
            if not is_cue(cue) or (words[cue] == "no" and _is_interjection(words, cue)):
                continue
            for i in range(cue + 1, min(n, cue + 1 + _MAX_SCOPE)):
                word = words[i]
                if is_cue(i) or word in rf.SCOPE_ENDS:
                    break
                new_clause = i + 1 < n and _first_word(words[i + 1]) in rf.CLAUSE_STARTS
                if word in ("and", "or", "plus") and new_clause:
                    break
                if word == "," and not _list_continues(words, i):
                    break
                cover(i, cue)
        for m in _POST.finditer(self.text):
            cue, _ = self._span(m)
            scope: list[int] = []
            for i in range(cue - 1, max(-1, cue - 1 - _MAX_BACK), -1):
                if words[i] in rf.NEGATION_WORDS:  # "can't pee normally" is still a complaint
                    scope = []
                    break
                if words[i] == "," or words[i] in rf.SCOPE_ENDS:
                    break
                scope.append(i)
            for i in scope:
                cover(i, cue)
        return negated_by

    def first(self, pattern: re.Pattern) -> tuple[int, int] | None:
        """Token range of the first match that is neither negated nor a harmless look-alike."""
        m = pattern.search(self.text)
        while m:
            a, b = self._span(m)
            benign = any(x <= a and b <= y for x, y in self.benign)
            negated = any(c is not None and not a <= c < b for c in self.negated_by[a:b])
            if not benign and not negated:
                return a, b
            m = pattern.search(self.text, m.end())
        return None

    def quote(self, text: str, span: tuple[int, int]) -> str:
        return text[self.tokens[span[0]].start : self.tokens[span[1] - 1].end]


def _is_interjection(words: list[str], i: int) -> bool:
    """A "no" before a comma or a new clause ("No, ...", "no my legs ...") answers a question."""
    return i + 1 == len(words) or words[i + 1] in (",", "/") or _first_word(words[i + 1]) in rf.CLAUSE_STARTS


def _list_continues(words: list[str], comma: int) -> bool:
    """Does a negation carry on past this comma? Yes in a list: "no numbness, tingling or weakness"."""
    for word in words[comma + 1 :]:
        if word in ("or", "nor"):
            return True
        if _first_word(word) in rf.CLAUSE_STARTS or word in rf.SCOPE_ENDS or word in rf.NEGATION_WORDS:
            return False
    return False


# ---------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------
def triage(text: str) -> Assessment:
    """Assess one message: the most urgent tier found, every trigger, and maybe a question."""
    text = unicodedata.normalize("NFKC", text)
    sentences = [_Sentence(tokens) for tokens in _tokenise(text)]

    def find(pattern: re.Pattern, except_with: re.Pattern | None = None) -> str | None:
        for s in sentences:
            span = s.first(pattern)
            if span and not (except_with and s.first(except_with)):
                return s.quote(text, span)
        return None

    quotes = {c.rule.id: q for c in _RULES if (q := find(c.says, c.except_with)) is not None}
    signals = {name for name, pattern in _SIGNALS.items() if find(pattern) is not None}
    reported = quotes.keys() | signals

    fired: dict[str, _Compiled] = {}
    shown: dict[str, str] = {}  # quote per fired rule; a combination quotes both parts
    for c in _RULES:
        if c.rule.id not in quotes:
            continue
        partner = next((a for a in c.rule.also if a in reported), None)
        if c.rule.also and partner is None:
            continue
        fired[c.rule.id] = c
        extra = quotes.get(partner, "")
        shown[c.rule.id] = quotes[c.rule.id] + (f" … {extra}" if extra and extra != quotes[c.rule.id] else "")
    definite = max((c.tier for c in fired.values() if c.rule.id not in _AMBIGUOUS), default=Tier.SELF_CARE)
    kept = sorted(
        (
            c
            for c in fired.values()
            if not any(u in fired or u in signals for u in c.rule.unless)
            and not (c.rule.id in _AMBIGUOUS and c.tier < definite)
        ),
        key=lambda c: (-c.tier, c.order),
    )
    triggers = tuple(Trigger(c.rule.id, c.tier, c.rule.label, shown[c.rule.id]) for c in kept)
    tier = triggers[0].tier if triggers else Tier.SELF_CARE
    question = next((c.rule.question for c in kept if c.tier == tier and c.rule.question), None)
    return Assessment(tier, triggers, question)


def assess_checklist(ids: Iterable[str]) -> Assessment:
    """Assess the red-flag items a person tapped in the check-in checklist."""
    order = list(_CHECKLIST)
    items = []
    for item_id in dict.fromkeys(ids):
        if item_id not in _CHECKLIST:
            raise ValueError(f"unknown checklist item: {item_id!r}")
        items.append(_CHECKLIST[item_id])
    triggers = tuple(
        sorted(
            (Trigger(i.id, Tier.from_key(i.tier), i.label, "") for i in items),
            key=lambda t: (-t.tier, order.index(t.id)),
        )
    )
    return Assessment(triggers[0].tier if triggers else Tier.SELF_CARE, triggers)


def assess_triggers(ids: Iterable[str]) -> Assessment:
    """Assess triggers the coach found itself (trends over several check-ins), by rule id."""
    by_id = {c.rule.id: c for c in _RULES}
    unknown = [i for i in ids if i not in by_id]
    if unknown:
        raise ValueError(f"unknown trigger ids: {unknown!r}")
    found = sorted({by_id[i] for i in ids}, key=lambda c: (-c.tier, c.order))
    triggers = tuple(Trigger(c.rule.id, c.tier, c.rule.label, "") for c in found)
    return Assessment(triggers[0].tier if triggers else Tier.SELF_CARE, triggers)
