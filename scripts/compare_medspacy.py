"""medspaCy beside the coach's own engine, on the same corpora, rules and modifiers (issue 19).

    python -m venv /tmp/medspacy && /tmp/medspacy/bin/pip install medspacy==1.3.1 symspellpy
    PYTHONPATH=. /tmp/medspacy/bin/python scripts/compare_medspacy.py

medspaCy is not a dependency of the coach: this script is how the choice between the two was
made (docs/triage.md, "Which engine"). Both read the same normalised tokens (`coach.triage.read`'s
first step); medspaCy then finds the concepts with its TargetMatcher (this project's lexicon,
turned into spaCy token patterns) and asserts them with its ConText (this project's modifiers
as ConTextRules: their categories, directions and scopes); the coach's rules decide from there,
as they do for the own engine. Prints, for both: the corpus figures, lines per second and the
memory the engine adds to a process.
"""

from __future__ import annotations

import resource
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from triage_score import load, report, score  # noqa: E402

from coach.triage import engine  # noqa: E402
from coach.triage.context import Mention  # noqa: E402
from coach.triage.language import load as load_language  # noqa: E402
from coach.triage.normalise import clean, tokenise  # noqa: E402
from coach.triage.phrases import _split_top  # noqa: E402

MAX_PATTERNS = 400  # token patterns per phrase, at most: longer expansions are cut (and counted)


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# -- the coach's phrases as spaCy token patterns ----------------------------------------------------
def _token(word: str) -> dict:
    if word == "#":
        return {"LIKE_NUM": True}
    if word == "#big":
        return {"LIKE_NUM": True}
    if word.endswith("*") and len(word) > 1:
        return {"LOWER": {"REGEX": "^" + word[:-1]}}
    return {"LOWER": word}


class Patterns:
    def __init__(self, entries: dict[str, tuple[str, ...]]):
        self.entries, self.cut = entries, 0

    def of(self, name: str) -> list[list[dict]]:
        out: list[list[dict]] = []
        for phrase in self.entries[name]:
            found = self._alternatives(phrase)
            if len(found) > MAX_PATTERNS:
                self.cut += len(found) - MAX_PATTERNS
                found = found[:MAX_PATTERNS]
            out += found
        return out

    def _alternatives(self, text: str) -> list[list[dict]]:
        parts = _split_top(text, "|")
        if all(
            " " not in p
            and "(" not in p
            and "@" not in p
            and not p.endswith("?")
            and p not in ("~", "#", "#big")
            and "*" not in p
            for p in parts
        ):
            return [[{"LOWER": {"IN": parts}}]]  # single words: one token pattern
        out = []
        for part in parts:
            out += self._sequence(part)
        return out

    def _sequence(self, text: str) -> list[list[dict]]:
        sequences: list[list[dict]] = [[]]
        for item in _split_top(text, " "):
            if not item:
                continue
            optional = item.endswith("?") and len(item) > 1
            body = item[:-1] if optional else item
            if body.startswith("(") and body.endswith(")"):
                options = self._alternatives(body[1:-1])
            elif body.startswith("@"):
                options = [p for phrase in self.entries[body[1:]] for p in self._alternatives(phrase)]
            elif body == "~":
                options = [[{"IS_PUNCT": False, "OP": "{0,3}"}]]
            else:
                options = [[_token(body)]]
            if optional:
                if all(len(o) == 1 and "OP" not in o[0] for o in options):
                    options = [[{**o[0], "OP": "?"} for o in options]] if len(options) == 1 else [*options, []]
                else:
                    options = [*options, []]
            sequences = [s + o for s in sequences for o in options][: MAX_PATTERNS * 4]
        return [s for s in sequences if s]


# -- medspaCy over the coach's tokens ---------------------------------------------------------------
class MedspacyEngine:
    def __init__(self):
        import spacy
        from medspacy.context import ConText, ConTextRule
        from medspacy.ner import TargetMatcher, TargetRule

        before = rss_mb()
        self.language = load_language("en")
        self.nlp = spacy.blank("en")  # no model: the tokens are the coach's own
        lexicon_data = sys.modules["coach.red_flags.en.lexicon"]
        modifiers = sys.modules["coach.red_flags.en.modifiers"]
        entries = dict(lexicon_data.BLOCKS) | {name: c.phrases for name, c in lexicon_data.CONCEPTS.items()}
        patterns = Patterns(entries)
        matcher = TargetMatcher(self.nlp)
        for name in lexicon_data.CONCEPTS:
            matcher.add([TargetRule(name, name.upper(), pattern=p) for p in patterns.of(name)])
        self.target = matcher
        modifier_patterns = Patterns({f"m{i}": m.phrases for i, m in enumerate(modifiers.MODIFIERS)})
        directions = {"forward": "FORWARD", "backward": "BACKWARD", "both": "BIDIRECTIONAL"}
        rules = []
        for i, m in enumerate(modifiers.MODIFIERS):
            category = m.category.upper()
            direction = (
                "TERMINATE"
                if m.category in ("terminate", "current")
                else "PSEUDO"
                if m.category == "pseudo"
                else directions[m.direction]
            )
            allowed = {c.upper() for c in m.applies_to} or None
            for pattern in modifier_patterns.of(f"m{i}"):
                rules.append(
                    ConTextRule(
                        f"{m.category}{i}",
                        category,
                        pattern=pattern,
                        direction=direction,
                        max_scope=m.scope or None,
                        allowed_types=allowed,
                    )
                )
        self.context = ConText(self.nlp, rules=None)
        self.context.add(rules)
        self.cut = patterns.cut + modifier_patterns.cut
        self.loaded_mb = rss_mb() - before

    def read(self, text: str) -> engine.Reading:
        from spacy.tokens import Doc

        language = self.language
        cleaned = clean(text, language.spelling.emoji)
        written_in = engine.guess(cleaned, language.function_words, language.spelling)
        sentences = engine._split_long(
            engine._drop_answered(tokenise(cleaned, language.spelling, language.temperature), language)
        )
        reading = engine.Reading(written_in, cleaned, sentences, [], [])
        for index, sentence in enumerate(sentences):
            words = [t.norm.replace(" ", "_") for t in sentence.tokens]
            doc = Doc(self.nlp.vocab, words=words, sent_starts=[True] + [False] * (len(words) - 1))
            doc = self.context(self.target(doc))
            found = []
            for ent in doc.ents:
                name = ent.label_.lower()
                concept = language.concepts.get(name)
                if concept is None or "*" in concept.hides:
                    continue
                tokens = sentence.tokens
                mention = Mention(
                    name,
                    concept.role,
                    index,
                    ent.start,
                    ent.end,
                    cleaned[tokens[ent.start].start : tokens[ent.end - 1].end],
                )
                for modifier in ent._.modifiers:
                    category = modifier.category.lower()
                    if category in (
                        "negated",
                        "resolved",
                        "historical",
                        "family",
                        "family_past",
                        "hypothetical",
                        "exertion",
                    ):
                        mention.by.setdefault(category, modifier.rule.literal)
                found.append(mention)
            reading.mentions += found
            engine._fragments(reading, index, [t.norm for t in sentence.tokens], found)
        engine._both_sides(reading)  # a decision of the engine's, not of ConText: both get it
        return reading

    def triage(self, text: str):
        return engine._decide(self.read(text))


def main() -> None:
    start_mb = rss_mb()
    from coach.triage import triage

    triage("warm up")
    own_mb = rss_mb() - start_mb
    medspacy_engine = MedspacyEngine()
    print(
        f"memory added: own engine {own_mb:.1f} MB; medspaCy {medspacy_engine.loaded_mb:.1f} MB more"
        f" ({medspacy_engine.cut} token patterns cut at {MAX_PATTERNS} a phrase)"
    )
    for part in ("dev", "holdout"):
        rows = load("triage", part)
        for name, fn in (("own", triage), ("medspaCy", medspacy_engine.triage)):
            fn("warm up")
            result, _ = score(rows, assess=fn)
            print(report(f"{name}, {part}", result))
            print(f"  lines per second: {result.lines_per_second:,.0f}")


if __name__ == "__main__":
    main()
