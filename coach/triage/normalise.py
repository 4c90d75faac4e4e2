"""From what a person typed to sentences of normalised tokens, in time linear in the text.

1. Clean: invisible characters (zero-width spaces and joiners, soft hyphens, direction marks,
   variation selectors, skin tones) go; Unicode compatibility forms are folded (NFKC: fullwidth
   and mathematical letters); Cyrillic and Greek look-alikes inside Latin words become Latin;
   emoji become words.
2. Tokenise: words, numbers (with a temperature unit when written), clock times, punctuation.
3. Normalise each word: lower case, contractions ("can't" -> ``cant``, "it's" -> ``it is``),
   stretched letters ("numbbbb"), listed spellings and abbreviations, then a misspelling of a
   lexicon word (symspellpy's symmetric deletes: one edit for short words, two for long ones)
   unless the word is a real English word. Number words become numbers where they make one ("thirty nine").
4. Temperatures: a number that is a body temperature becomes ``hightemp``, ``normaltemp`` or
   ``lowtemp``; bath water, weather and heating pads do not.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from symspellpy import SymSpell, Verbosity

from coach.triage.temperature import TemperatureWords

# Unicode's format characters (category Cf: zero-width spaces and joiners, soft hyphen, direction
# marks and isolates, word joiner, byte-order mark, tags), control characters but tab and newline,
# variation selectors and skin-tone modifiers: none changes what a message says.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u0600-\u0605\u061c\u06dd\u070f\u08e2\u180e\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufe00-\ufe0f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001-\U000e007f"
    "\U000e0100-\U000e01ef\U0001f3fb-\U0001f3ff]"
)
# Latin look-alikes from other scripts (Unicode's confusables for the letters people type).
_CONFUSABLES = str.maketrans(
    "аеорсухкмтнвіјѕԁɡոԛԝАВЕКМНОРСТХУІЈЅαβεικνορτυχΑΒΕΖΗΙΚΜΝΟΡΤΥΧ",
    "aeopcyxkmthвijsdgnqwABEKMHOPCTXYIJSabeikvoptuxABEZHIKMNOPTYX",
)
_LATIN = re.compile(r"[a-zA-Z]")
_FOREIGN_LOOKALIKE = re.compile(r"[аеорсухкмтнвіјѕԁɡոԛԝАВЕКМНОРСТХУІЈЅαβεικνορτυχΑΒΕΖΗΙΚΜΝΟΡΤΥΧ]")
_WORD_CHARS = re.compile(r"[^\W\d_]+", re.UNICODE)

_TOKEN = re.compile(
    r"""
    (?P<time>\b\d{1,2}(?::\d{2})?\s?(?:a\.?m\.?|p\.?m\.?)(?![a-z])|\b\d{1,2}:\d{2}\b)
    |(?P<num>\d+(?:[.,]\d{1,2}(?!\d))?)
        (?:\s?(?P<unit>°\s?[cf]?|º\s?[cf]?|degrees?(?:\s?(?:c|f|celsius|fahrenheit|centigrade)\b)?
        |deg\b|celsius\b|fahrenheit\b|centigrade\b|c\b|f\b))?
        (?P<tail>[a-z]+)?
    |(?P<word>[^\W\d_]+(?:['’][^\W\d_]+)*)
    |(?P<mark>[,/&+])
    |(?P<dash>\s[-–—]+\s)
    |(?P<other>\S)
    """,
    re.VERBOSE | re.IGNORECASE,
)
_BREAKS = frozenset(".!?;:()[]{}…\n|")
_PUNCTUATION_RUN = re.compile(r"[^\w\s'°º]+(?:\s*[^\w\s'°º]+)+|[^\w\s'°º]{2,}")
# Codes: a link, or a word of letters and digits (joined by - _ .) that switches between the two
# at least twice: "AB7C-0D2E", "G5V8", "c_4rg29kh". An order number or a typed invitation.
# the chunks that may be codes or their parts: letters touching digits, links, groups in capitals
_DIGIT_CHUNK = re.compile(
    r"(?<!\S)(?:(?=[^\s\d]*\d)(?=\S*?(?:\d[^\W\d_]|[^\W\d_]\d|://|www\.|t\.me/))\S+|[A-Z]{3,8}(?!\S))"
)
_GROUPS = re.compile(r"[^\W_]{2,8}(?:[-_][^\W_]{2,8}){2,}")  # "AFB9-CHRX-ZEKE": a code shown in groups
_LINK = re.compile(r"(?<![a-z0-9+.-])[a-z][a-z0-9+.-]{0,31}://|www\.|t\.me/", re.IGNORECASE)  # bounded: linear
_CODE_WORD = re.compile(r"[^\W_]+(?:[-_.][^\W_]+)*")
_SWITCH = re.compile(r"\d(?=[^\W\d_])|[^\W\d_](?=\d)")
_EDGE = ".,;:!?()[]{}\"'«»<>*"
_GLUED_TAILS = frozenset("ish x th st nd rd".split())  # "6ish", "2nd": a number still
_STRETCH = re.compile(r"(.)\1{2,}")
_REPEAT_CHECK, _KEEP_REPEATS = 256, 8
_REPEATS = re.compile(r"(.{1,16}?)\1{8,}", re.S)
# The repeat search costs ~16 tries a character: it runs only on stretches that compress to a
# sixteenth or less (zlib, about 10 µs a stretch), as only a unit of a few characters repeated does.
_STRETCH_OF_TEXT, _REPETITIVE = 512, 1 / 16


@dataclass(slots=True)
class Token:
    """One token: its normalised form and where it stands in the cleaned text."""

    norm: str
    start: int
    end: int
    number: float | None = None  # digits (and number words that make a number)
    mark: bool = False  # punctuation: a clause boundary that no phrase gap crosses
    unit: str = ""  # a temperature unit written after the number: °C, F, degrees...
    glued: bool = False  # digits touching letters ("3bnd", "xyz5"): part of a word, not a score


@dataclass
class Sentence:
    tokens: list[Token]
    question: bool = False  # ended with "?"

    @property
    def words(self) -> list[str]:
        return [t.norm for t in self.tokens]


@dataclass(eq=False)  # hashed by identity: one per language, a key of the word cache
class Spelling:
    """The language's spelling data (coach.red_flags.<lang>.words) and the lexicon's words."""

    spellings: Mapping[str, str]
    contractions: Mapping[str, str]
    is_after: frozenset[str]
    joined: Mapping[tuple[str, str], str]
    emoji: Mapping[int, str]  # a str.translate table (emoji_table)
    number_words: Mapping[str, int]
    hundred: str
    point: str
    vocabulary: frozenset[str]  # the words the lexicon's phrases use: corrections go to these
    real_words: frozenset[str]  # real words near a lexicon word: never "corrected"
    prefixes: frozenset[str] = frozenset()
    slashed: Mapping[str, str] = field(default_factory=dict)  # "c/o" -> "complains of"
    _targets: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._targets = sorted(w for w in self.vocabulary if len(w) >= 4 and w.isalpha() and w.isascii())
        self._index = SymSpell(max_dictionary_edit_distance=2, prefix_length=7)
        for word in self._targets:
            self._index.create_dictionary_entry(word, 1)
        self._cache: dict[str, tuple[str, ...]] = {}
        self.budget = FRESH_LOOKUPS
        self._slashed = (
            re.compile("|".join(rf"(?<![\w/]){re.escape(k)}(?![\w/])" for k in self.slashed), re.I)
            if self.slashed
            else None
        )

    def nearest(self, word: str) -> str | None:
        """The lexicon word one edit away (words of up to 6 letters) or two (longer), if any."""
        limit = 1 if len(word) <= 6 else 2
        found = self._index.lookup(word, Verbosity.CLOSEST, max_edit_distance=limit, transfer_casing=False)
        return min(found, key=lambda s: (s.distance, s.term)).term if found else None

    def known(self, word: str) -> bool:
        return (
            word in self.vocabulary
            or word in self.real_words
            or word in self.spellings
            or word in self.number_words
            or any(word.startswith(p) for p in self.prefixes)
        )

    def correct(self, word: str) -> str:
        """A listed spelling, a stretched word, or a misspelling of a lexicon word; else the word.
        Raises `_Spent` when only a fresh lookup could tell and this message's lookups are spent."""
        if word in self.spellings:
            return self.spellings[word]
        if _STRETCH.search(word):
            double = _STRETCH.sub(r"\1\1", word)
            single = _STRETCH.sub(r"\1", word)
            for candidate in (double, single):
                if self.known(candidate):
                    return self.spellings.get(candidate, candidate)
            word = double
        if word.endswith("in") and word + "g" in self.vocabulary:  # a dropped g: "hurtin", "droppin"
            return word + "g"
        if len(word) < 5 or not word.isascii() or not word.isalpha() or self.known(word):
            return word
        if self.budget <= 0:
            raise _Spent
        self.budget -= 1
        return self.nearest(word) or word

    def words(self, raw: str) -> tuple[str, ...]:
        """One written word (lower case) as one or more normalised words, remembered."""
        found = self._cache.get(raw)
        if found is not None:
            return found
        try:
            found = _read_word(raw, self)
        except _Spent:  # left as written, and not remembered: another message may correct it
            return (raw,)
        if len(self._cache) < _MAX_WORDS:
            self._cache[raw] = found
        return found


class _Spent(Exception):
    """This message's fresh spelling lookups are used up."""


# Misspellings looked up afresh per message, at most (about 15 µs each): a message of hundreds of
# unknown words must not hold the event loop for everyone else; words seen before cost nothing.
FRESH_LOOKUPS = 96
_MAX_WORDS = 100_000


def emoji_table(emoji: Mapping[str, str]) -> dict[int, str]:
    """A `str.translate` table that writes emoji as words."""
    return {ord(char): f" {word} " if word else " " for char, word in emoji.items()}


def clean(text: str, emoji: Mapping[int, str]) -> str:
    """Invisible characters out, compatibility forms folded, look-alikes and emoji as words
    (`emoji` from `emoji_table`). A long stretch repeating a few characters ("1/1/1/…") is cut to a
    few repeats: it says no more, and costs no more, than they do."""
    if len(text) > _REPEAT_CHECK:
        text = _cut_repeats(text)
    if text.isascii():
        text = _CONTROLS.sub("", text).replace("`", "'")
        return _collapse(text) if len(text) > _REPEAT_CHECK else text
    text = _INVISIBLE.sub("", text).translate(emoji)
    folded = unicodedata.normalize("NFKC", text).replace("’", "'").replace("‘", "'").replace("`", "'")
    if _FOREIGN_LOOKALIKE.search(folded):
        latin = len(_LATIN.findall(folded))
        foreign = sum(1 for c in folded if c.isalpha()) - latin
        folded = _WORD_CHARS.sub(lambda m: _unmix(m[0], latin > foreign), folded)
    return _collapse(folded) if len(folded) > _REPEAT_CHECK else folded


def _cut_repeats(text: str) -> str:
    parts = []
    for i in range(0, len(text), _STRETCH_OF_TEXT):
        part = text[i : i + _STRETCH_OF_TEXT]
        encoded = part.encode()
        if len(zlib.compress(encoded, 1)) <= len(encoded) * _REPETITIVE:
            part = _REPEATS.sub(lambda m: m[1] * _KEEP_REPEATS, part)
        parts.append(part)
    return "".join(parts)


def _collapse(text: str) -> str:
    """In a long message, a run of punctuation ("?,, ,,???", "- _ / .") as the one mark that
    says most: a question, a sentence's end, a dash, a comma, a slash, an "and"."""
    return _PUNCTUATION_RUN.sub(_strongest, text)


def _strongest(m: re.Match[str]) -> str:
    run = m[0]
    if "?" in run:
        return "? "
    if any(c in _BREAKS for c in run):
        return ". "
    for marks, mark in (("-–—", " - "), (",", ", "), ("/", "/"), ("&+", " & ")):
        if any(c in marks for c in run):
            return mark
    return " "


def _unmix(word: str, latin_text: bool) -> str:
    """A word mixing scripts, or made only of look-alikes in a Latin text, in Latin letters."""
    if not _FOREIGN_LOOKALIKE.search(word):
        return word
    if _LATIN.search(word):
        return word.translate(_CONFUSABLES)
    mapped = word.translate(_CONFUSABLES)
    if latin_text and _LATIN.fullmatch(mapped[:1] or "-") and all(c.isascii() for c in mapped):
        return mapped
    return word


def tokenise(text: str, spelling: Spelling, temperature: TemperatureWords) -> list[Sentence]:
    """Sentences of normalised tokens. `text` is already cleaned."""
    spelling.budget = FRESH_LOOKUPS
    if spelling._slashed is not None and "/" in text:
        text = spelling._slashed.sub(lambda m: spelling.slashed[m[0].lower()], text)
    sentences: list[Sentence] = [Sentence([])]
    codes = _codes(text)
    for m in _TOKEN.finditer(text):
        kind, value, sentence = m.lastgroup, m[0], sentences[-1]
        if codes and m.start() in codes:
            if codes[m.start()]:  # its first token: the whole run becomes one
                sentence.tokens.append(Token("#code", m.start(), codes[m.start()]))
            continue
        if kind == "time":
            sentence.tokens.append(Token("#time", m.start(), m.end()))
        elif kind in ("num", "unit", "tail"):
            tail = (m["tail"] or "").lower()
            number = float(m["num"].replace(",", "."))
            end = m.end() - len(tail)
            glued = (m.start() > 0 and text[m.start() - 1].isalpha()) or bool(
                tail and not m["unit"] and not _word_tail(tail, spelling)
            )
            sentence.tokens.append(
                Token(m["num"].replace(",", "."), m.start(), end, number, unit=(m["unit"] or "").lower(), glued=glued)
            )
            if tail:
                joined = spelling.spellings.get(value.lower())
                if joined:  # "2day", "b4": a written word
                    sentence.tokens[-1] = Token(joined, m.start(), m.end())
                else:
                    for word in _words(tail, spelling):
                        sentence.tokens.append(Token(word, end, m.end()))
        elif kind == "word":
            for word in _words(value, spelling):
                sentence.tokens.append(Token(word, m.start(), m.end()))
        elif kind == "mark":
            sentence.tokens.append(Token("and" if value in "&+" else value, m.start(), m.end(), mark=value in ",/"))
        elif kind == "dash" or value in _BREAKS or unicodedata.category(value) in ("So", "Sk"):
            if sentence.tokens:
                sentence.question = value == "?"
                sentences.append(Sentence([]))
            elif value == "?" and len(sentences) > 1:
                sentences[-2].question = True
    result = []
    for sentence in sentences:
        if not sentence.tokens:
            continue
        sentence.tokens = _numbers(_join(sentence.tokens, spelling.joined), spelling)
        _temperatures(sentence.tokens, temperature)
        result.append(sentence)
    return result


@lru_cache(maxsize=8)  # read twice a message: to tell its language, then to tokenise it
def _codes(text: str) -> dict[int, int]:
    """Where codes stand (see _LINK and _CODE_WORD; a group of letters and digits next to one is a
    part of it, as in "G5V8 00DWMEWCN5"): their numbers are no scores and no temperatures, their
    letters no words. Maps each character position of a code to its end (for its first) or 0."""
    chunks = []  # (start, end, a code, a group of letters and digits), of the chunks with a digit
    for m in _DIGIT_CHUNK.finditer(text):
        chunk = m[0]
        start = m.start() + len(chunk) - len(chunk.lstrip(_EDGE))
        chunk = chunk.strip(_EDGE)
        if chunk:
            group = _CODE_WORD.fullmatch(chunk) is not None and (_SWITCH.search(chunk) is not None or chunk.isupper())
            chunks.append(
                (
                    m.start(),
                    m.end(),
                    start,
                    start + len(chunk),
                    bool(_LINK.search(chunk)) or (group and _is_code(chunk)),
                    group,
                )
            )
    code = [c[4] for c in chunks]
    if not any(code):
        return {}
    for order in (range(1, len(chunks)), range(len(chunks) - 2, -1, -1)):
        for i in order:
            j = i - 1 if order.step == 1 else i + 1
            first, second = (chunks[j], chunks[i]) if j < i else (chunks[i], chunks[j])
            next_to = text[first[1] : second[0]].isspace()
            code[i] = code[i] or (code[j] and chunks[i][5] and next_to)
    spans = {}
    for (_, _, start, end, _, _), is_code in zip(chunks, code, strict=True):
        if is_code:
            spans.update(dict.fromkeys(range(start + 1, end), 0))
            spans[start] = end
    return spans


def _is_code(chunk: str) -> bool:
    if _GROUPS.fullmatch(chunk) and any(c.isdigit() for c in chunk):
        return True
    return len(_SWITCH.findall(chunk)) >= 2 and sum(c.isalnum() for c in chunk) >= 4


def _word_tail(tail: str, spelling: Spelling) -> bool:
    """Whether letters written onto a number are a word ("5today", "6ish"), not part of a code."""
    return tail in _GLUED_TAILS or tail in spelling.real_words or tail in spelling.vocabulary


def without_codes(text: str) -> str:
    """The text with its links and codes blanked (for telling its language)."""
    spans = _codes(text)
    if not spans:
        return text
    return "".join(" " if i in spans else c for i, c in enumerate(text))


def _words(raw: str, spelling: Spelling) -> Iterable[str]:
    """One written word as one or more normalised words."""
    return spelling.words(raw.lower())


def _read_word(raw: str, spelling: Spelling) -> tuple[str, ...]:
    base, apostrophe, suffix = raw.partition("'")
    if apostrophe and suffix:
        if suffix == "t" and base.endswith("n"):  # can't, won't, didn't
            return tuple(spelling.correct(base + "t").split())
        if suffix == "s" and base in spelling.is_after:
            return (*spelling.correct(base).split(), "is")
        extra = spelling.contractions.get(suffix.replace("'", ""))
        if extra is not None:
            return (*spelling.correct(base).split(), *extra.split())
        return tuple(spelling.correct(base + suffix).split())
    return tuple(spelling.correct(base).split())


def _join(tokens: list[Token], joined: Mapping[tuple[str, str], str]) -> list[Token]:
    """Two words read as one: "can not" -> "cant"."""
    out: list[Token] = []
    for token in tokens:
        if out and (merged := joined.get((out[-1].norm, token.norm))) is not None:
            out[-1] = Token(merged, out[-1].start, token.end)
        else:
            out.append(token)
    return out


def _numbers(tokens: list[Token], spelling: Spelling) -> list[Token]:
    """Number words that make a number ("thirty nine", "a hundred and two", "thirty eight point
    five") become one number token; a single "five" stays a word, with its value noted."""
    words, hundred, point = spelling.number_words, spelling.hundred, spelling.point
    out: list[Token] = []
    i, n = 0, len(tokens)
    while i < n:
        value, j, big = 0.0, i, False
        while j < n:
            word = tokens[j].norm
            following = tokens[j + 1].norm if j + 1 < n else ""
            if word in words:
                value, big = value + words[word], big or words[word] >= 20
            elif word == hundred and (j > i or following):
                value, big = (value or 1) * 100, True
            elif word == "a" and following == hundred and j == i or word == "and" and big and following in words:
                pass
            elif word == point and j > i and (following in words or tokens[j + 1].number is not None):
                digit = words.get(following, tokens[j + 1].number or 0)
                value, big, j = value + float(f"0.{digit:g}".replace("0.0.", "0.")), True, j + 2
                break
            else:
                break
            j += 1
        if big and j - i > 1:
            out.append(Token(f"{value:g}", tokens[i].start, tokens[j - 1].end, value))
            i = j
            continue
        token = tokens[i]
        if token.norm in words:
            token.number = float(words[token.norm])
        out.append(token)
        i += 1
    return out


def _temperatures(tokens: list[Token], temperature: TemperatureWords) -> None:
    """Replace body temperatures by hightemp, normaltemp or lowtemp (one pass: the sentence's
    words are gathered once, however many numbers it has)."""
    digits = [i for i, t in enumerate(tokens) if t.number is not None and not t.norm.isalpha() and t.norm != "#time"]
    if not digits:
        return
    words = {t.norm for t in tokens}
    if not words & temperature.context:  # no temperature word: only a written unit or a decimal says so
        digits = [i for i in digits if tokens[i].unit or "." in tokens[i].norm]
    for i in digits:
        token = tokens[i]
        assert token.number is not None  # the digits were chosen for their numbers
        before = [t.norm for t in tokens[max(0, i - 3) : i]]
        after = tokens[i + 1].norm if i + 1 < len(tokens) else ""
        word = temperature.read(token.norm, token.number, token.unit, before, after, words)
        if word is not None:
            token.norm, token.number = word, None
