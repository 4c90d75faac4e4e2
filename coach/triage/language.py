"""The languages the triage reads, each a package of data under `coach.red_flags`, and a guess
at the language a message is written in."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import import_module
from importlib.resources import files

from coach.red_flags import rule
from coach.triage.context import ConText
from coach.triage.normalise import Spelling, emoji_table, without_codes
from coach.triage.phrases import Lexicon
from coach.triage.temperature import TemperatureWords

READ = ("en",)  # languages with red-flag data

# A few of the commonest words of languages people may write in: a message full of them and
# short of English ones is not English. Scripts other than Latin speak for themselves.
_OTHER_WORDS: dict[str, frozenset[str]] = {
    "es": frozenset(
        """el la los las de del que y en un una no me mi por con para es muy pero tengo duele dolor espalda desde
        hoy ayer puedo siento piernas pierna fiebre orinar mear pis pipi caminar pecho respirar dormidas dormida
        nalgas ambas dos caí caer cuello cabeza ardor hormigueo se sin ni nunca nada algo así esto q pa al encima
        meado cagao notarlo""".split()
    ),
    "pt": frozenset(
        "o a os as de do da que e em um uma não nao me meu minha com para é muito mas tenho dói dor costas desde hoje".split()
    ),
    "fr": frozenset(
        "le la les de des du que et en un une je ne pas me mon ma avec pour est très mais ai mal dos depuis aujourd".split()
    ),
    "de": frozenset(
        "der die das und ich nicht mein meine mit für ist sehr aber habe ein eine rücken schmerzen seit heute kann".split()
    ),
    "it": frozenset(
        "il lo la gli le di che e un una non mi mio mia con per è molto ma ho male schiena da oggi ieri".split()
    ),
    "pl": frozenset("i w nie się na że mnie mam jest bardzo ale od dzisiaj boli plecy mi mój moja z do to".split()),
    "tr": frozenset("ve bir bu çok ben benim ama var yok ağrı sırtım bugün dün mi da de ile için".split()),
    "tl": frozenset("ang ng sa na ako ko mga hindi at ay masakit likod ngayon kahapon po".split()),
    "ru": frozenset(
        "ne mogu bolit spina spinu nogi noga pomogite uzhe utra segodnya vchera ochen pisat golova sheya".split()
    ),
    "nl": frozenset("de het een en ik niet mijn met voor is heel maar heb rug pijn sinds vandaag".split()),
}
_SAMPLE = 600  # characters read to tell the language
_LETTERS = re.compile(r"[^\W\d_]", re.UNICODE)
_LATIN_LETTERS = re.compile(r"[a-zA-ZÀ-ɏ]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_WORDS = re.compile(r"(?<![^\W_])[^\W\d_]+(?![^\W_])", re.UNICODE)  # letters touching no digit


@dataclass(frozen=True)
class Language:
    """One language's red-flag words, compiled."""

    code: str
    concepts: dict[str, rule.Concept]
    lexicon: Lexicon
    context: ConText
    spelling: Spelling
    temperature: TemperatureWords
    function_words: frozenset[str]
    no_answers: frozenset[tuple[str, ...]]


@cache
def load(code: str) -> Language:
    """The language's data from `coach.red_flags.<code>`, compiled once."""
    lexicon_data = import_module(f"coach.red_flags.{code}.lexicon")
    modifiers = import_module(f"coach.red_flags.{code}.modifiers")
    words = import_module(f"coach.red_flags.{code}.words")
    concepts: dict[str, rule.Concept] = lexicon_data.CONCEPTS
    entries = dict(lexicon_data.BLOCKS)
    entries.update({name: concept.phrases for name, concept in concepts.items()})
    lexicon = Lexicon(entries, matched=set(concepts))
    context = ConText(modifiers.MODIFIERS, {name: c.role for name, c in concepts.items()})
    vocabulary = frozenset(w for w in lexicon.vocabulary | context.lexicon.vocabulary if w.isalpha())
    real = files(f"coach.red_flags.{code}").joinpath("real_words.txt")
    real_words = frozenset(real.read_text(encoding="utf-8").split()) if real.is_file() else frozenset()
    emoji = emoji_table(words.EMOJI)
    spelling = Spelling(
        spellings=words.SPELLINGS,
        contractions=words.CONTRACTIONS,
        is_after=words.IS_AFTER,
        joined=words.JOINED,
        emoji=emoji,
        number_words=words.NUMBER_WORDS,
        hundred=words.HUNDRED,
        point=words.POINT,
        vocabulary=vocabulary,
        real_words=real_words | words.FUNCTION_WORDS,
        prefixes=frozenset(lexicon.prefixes),
        slashed=words.SLASHED,
    )
    temperature = TemperatureWords(
        words.TEMPERATURE_WORDS, words.TEMPERATURE_CONTEXT, words.NOT_BODY, words.OTHER_UNITS
    )
    no_answers = frozenset(tuple(a.split()) for a in words.NO_ANSWERS)
    return Language(code, concepts, lexicon, context, spelling, temperature, words.FUNCTION_WORDS, no_answers)


def guess(text: str, known: frozenset[str], spelling: Spelling) -> str:
    """ "en" when the text reads as English (or is too short to tell), else the code of the
    language it looks like ("es", "ru", ...), or "other".

    English words are the function words and every word the lexicon knows; another language's
    words count only where English does not share them ("me", "no"). A message of words the
    coach does not know, or as many of another language's as of English, is not English."""
    if not text.isascii():
        letters = len(_LETTERS.findall(text))
        if letters and len(_LATIN_LETTERS.findall(text)) < 0.5 * letters:
            return "ru" if len(_CYRILLIC.findall(text)) >= 0.5 * letters else "other"
    words = _WORDS.findall(without_codes(text[:_SAMPLE]).lower())  # the start of a long message tells
    if not words:
        return "en"
    english = sum(1 for w in words if w in known or w in spelling.vocabulary or w in spelling.real_words)
    best, hits = max(
        (
            (code, sum(1 for w in words if w in vocabulary and w not in known))
            for code, vocabulary in _OTHER_WORDS.items()
        ),
        key=lambda x: x[1],
    )
    if hits and (hits >= english or (hits >= 2 and 2 * hits >= english)):
        return best
    if not english and len(words) >= 2:
        return "other"  # not one word the coach knows: not English, whatever it is
    return "en"
