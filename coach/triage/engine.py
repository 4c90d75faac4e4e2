"""Triage one message: normalise, find the concepts, assert them (ConText), apply the rules.

1. `normalise` cleans the text and turns it into sentences of normalised tokens.
2. The language's lexicon finds every concept mention; look-alikes hide what lies inside them.
3. `context` marks each mention negated, resolved, historical, someone else's past,
   hypothetical or explained away, with the words that did it; a modifier that reaches only a
   pronoun ("it's gone now") applies to what the pronoun stands for.
4. The rules of `coach.red_flags` fire from asserted mentions: a symptom and its place count
   when they are in one clause, or when one clause names only the place and the nearest clause
   before (or a pronoun) gives the symptom: "the tingling started in my back. Now it's in both
   legs". Pain scores told in numbers count as trends (`series`).
5. The most urgent tier wins; a vague report gets its one question; and when something from the
   red-flag lexicon is named but no rule decides, or the text is in a language the coach does not
   read, the person is asked the red-flag checklist (`Assessment.ask_checklist`).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from coach import red_flags as rf
from coach.triage import series
from coach.triage.context import PRONOUNS, SUBJECTS, Mention, Reach
from coach.triage.language import READ, Language, guess, load
from coach.triage.model import Assessment, Tier, Trigger
from coach.triage.normalise import Sentence, clean, tokenise
from coach.triage.phrases import Match, longest

MAX_SENTENCE = 96  # tokens: a longer run without punctuation is read in pieces of this size
_OVERLAP = 12
_FRAGMENT_BREAKS = frozenset(",/;") | frozenset(
    "and but or plus then so because cos while whilst which also however although though except when".split()
)
_ALL_RULES = rf.RULES + rf.VAGUE + rf.SIGNALS
_CLAUSE_ENDS = frozenset("but however although though whereas yet".split())
_ANSWER_FILLER = frozenset("yes yeah yep yup y both my the in and its it is all of them , .".split())
_ORDER = {rule.id: i for i, rule in enumerate(_ALL_RULES)}
_VAGUE_IDS = frozenset(rule.id for rule in rf.VAGUE)
_SIGNAL_IDS = frozenset(rule.id for rule in rf.SIGNALS)
_CHECKLIST = {item.id: item for item in rf.CHECKLIST}
_EMERGENCY_CONCEPTS = frozenset(c for rule in rf.RULES if rule.tier == rf.EMERGENCY for c in rule.concepts)


@dataclass
class Reading:
    """Everything triage saw in a message, for the decision and for `--explain`."""

    language: str
    text: str  # the cleaned text the quotes come from
    sentences: list[Sentence]
    mentions: list[Mention]
    reaches: list[tuple[int, Reach]]
    fragments: dict[int, tuple[int, int]] = field(default_factory=dict)  # id(mention) -> (sentence, fragment)
    pronoun_fragments: set[tuple[int, int]] = field(default_factory=set)
    decided: dict[str, str] = field(default_factory=dict)  # rule id -> quote, for every rule that fired
    dropped: dict[str, str] = field(default_factory=dict)  # rule id -> why it did not count


_BACK_PRONOUNS = PRONOUNS - {"all", "which"}
_SUBJECTS = SUBJECTS | {"you"}  # "the stairs that you managed fine"
_SIDES = ("left", "right")
_MANY_SENTENCES = 24  # more than any message of the corpora: only floods and pastes have them


def triage(text: str, lang: str | None = None) -> Assessment:
    """Assess one message: the most urgent tier found, every trigger, and what to ask."""
    return _decide(read(text, lang))


def read(text: str, lang: str | None = None) -> Reading:
    """Normalise, find and assert every mention of a message."""
    language = load(lang if lang in READ else "en")
    cleaned = clean(text, language.spelling.emoji)
    written_in = lang or guess(cleaned, language.function_words, language.spelling)
    sentences = _split_long(_drop_answered(tokenise(cleaned, language.spelling, language.temperature), language))
    mentions: list[Mention] = []
    reaches: list[tuple[int, Reach]] = []
    reading = Reading(written_in, cleaned, sentences, mentions, reaches)
    previous: list[str] | None = None
    seen: set[tuple[str, ...]] = set()
    for index, sentence in enumerate(sentences):
        words = sentence.words
        if words == previous:  # a message repeating itself: the same piece says nothing new
            continue
        previous = words
        if len(sentences) > _MANY_SENTENCES:  # in a long one, nor does a piece said before
            key = tuple(words)
            if key in seen:
                continue
            seen.add(key)
        numbers = [t.number if not t.norm.isalpha() else None for t in sentence.tokens]
        barriers = [t.mark for t in sentence.tokens]
        if not language.lexicon.could_match(words, numbers) and not PRONOUNS.intersection(words):
            continue  # nothing here can start a concept, and no pronoun can carry a modifier back
        found = _mentions(language, cleaned, sentence, index, words, numbers, barriers)
        if found or PRONOUNS.intersection(words):
            for reach in language.context.assert_sentence(words, numbers, barriers, found):
                reaches.append((index, reach))
        mentions += found
        _fragments(reading, index, words, found)
    _through_pronouns(reading)
    _both_sides(reading)
    return reading


def _drop_answered(sentences: list[Sentence], language: Language) -> list[Sentence]:
    """ "fever? no." reports nothing: a question answered by a bare no is dropped with its answer."""
    kept, skip = [], False
    for i, sentence in enumerate(sentences):
        if skip:
            skip = False
            continue
        answered = i + 1 < len(sentences) and tuple(sentences[i + 1].words) in language.no_answers
        if sentence.question and answered:
            skip = True
            continue
        kept.append(sentence)
    return kept


def _split_long(sentences: list[Sentence]) -> list[Sentence]:
    """A sentence of more than MAX_SENTENCE tokens is read in overlapping pieces, so that no
    message, however long or odd, costs more than its length."""
    out: list[Sentence] = []
    for sentence in sentences:
        tokens = sentence.tokens
        if len(tokens) <= MAX_SENTENCE:
            out.append(sentence)
            continue
        step = MAX_SENTENCE - _OVERLAP
        for start in range(0, len(tokens), step):
            out.append(Sentence(tokens[start : start + MAX_SENTENCE]))
            if start + MAX_SENTENCE >= len(tokens):
                break
    return out


def _mentions(
    language: Language,
    cleaned: str,
    sentence: Sentence,
    index: int,
    words: list[str],
    numbers: list[float | None],
    barriers: list[bool],
) -> list[Mention]:
    matches = longest(language.lexicon.match(words, numbers, barriers))
    hiders = [(m, language.concepts[m.name].hides) for m in matches if language.concepts[m.name].hides]
    found = []
    for m in matches:
        concept = language.concepts[m.name]
        if "*" in concept.hides:  # a look-alike is no mention itself
            continue
        if any(_hides(h, hides, m) for h, hides in hiders):
            continue
        tokens = sentence.tokens
        quote = cleaned[tokens[m.start].start : tokens[m.end - 1].end]
        found.append(Mention(m.name, concept.role, index, m.start, m.end, quote))
    return found


def _hides(hider: Match, hides: tuple[str, ...], m: Match) -> bool:
    """A look-alike hides what it overlaps, but not a longer phrase written around it ("keeps
    falling asleep in the middle of talking" holds "falling asleep")."""
    if not (hider.start < m.end and m.start < hider.end):
        return False
    if "*" in hides:
        return not (m.start <= hider.start and hider.end <= m.end and m.end - m.start > hider.end - hider.start)
    return m.name in hides


def _fragments(reading: Reading, index: int, words: list[str], mentions: list[Mention]) -> None:
    """Number the clauses of a sentence; note which mention is in which, and which clauses
    have a pronoun. A conjunction inside a list of one kind ("heavy and tingly", "my bum and
    inner thighs") does not start a new clause."""
    role_at: dict[int, str] = {}
    for m in mentions:
        for i in range(m.start, m.end):
            role_at.setdefault(i, _kind(m.role))
    fragment, starts = 0, []
    for i, word in enumerate(words):
        if word in _FRAGMENT_BREAKS and i > 0 and not _inside_list(role_at, words, i):
            fragment += 1
        starts.append(fragment)
        if word in PRONOUNS:
            reading.pronoun_fragments.add((index, fragment))
    for m in mentions:
        reading.fragments[id(m)] = (index, starts[m.start])


def _kind(role: str) -> str:
    return "symptom" if role == "symptom" else "place" if role in ("place", "qualifier") else role


def _inside_list(role_at: dict[int, str], words: list[str], i: int) -> bool:
    """Whether the conjunction at i joins two mentions of one kind with nothing else between."""
    if words[i] not in ("and", "or", ",", "/"):
        return False
    before = role_at.get(i - 1)
    after = next((role_at[j] for j in range(i + 1, min(i + 3, len(words))) if j in role_at), None)
    between = [
        w for w in words[i + 1 : i + 3] if w in ("my", "the", "his", "her", "both", "also", "very", "really", "so")
    ]
    return before is not None and before == after and (i + 1 in role_at or bool(between))


def _both_sides(reading: Reading) -> None:
    """One leg on the left and one on the right make both legs: "tingling in the left leg,
    tingling in the right leg". The second side's mention also counts as both legs."""
    sides: dict[str, Mention] = {}
    for m in reading.mentions:
        if m.concept == "one_leg" and not m.discounted():
            words = reading.sentences[m.sentence].words[m.start : m.end]
            side = next((s for s in _SIDES if s in words or s[0] in words), None)
            if side is not None:
                sides.setdefault(side, m)
    if len(sides) == 2:
        first, second = sorted(sides.values(), key=lambda m: (m.sentence, m.start))
        both = Mention(
            "both_legs",
            "place",
            second.sentence,
            second.start,
            second.end,
            f"{first.quote} … {second.quote}",
            dict(second.by),
        )
        reading.mentions.append(both)
        reading.fragments[id(both)] = reading.fragments[id(second)]  # in the second side's clause


def _through_pronouns(reading: Reading) -> None:
    """A discounting modifier that reaches a pronoun and no mention of its own ("but it went
    away", "it's fine now") applies to the last symptom or event before it."""
    by_sentence: dict[int, list[Mention]] = {}
    for m in reading.mentions:
        by_sentence.setdefault(m.sentence, []).append(m)
    things = sorted(
        ((m.sentence, m.start), k) for k, m in enumerate(reading.mentions) if m.role in ("symptom", "event")
    )
    keys = [key for key, _ in things]
    for index, reach in reading.reaches:
        category = reach.cue.category
        if category not in ("resolved", "historical", "negated"):
            continue
        sentence = reading.sentences[index]
        if sentence.question:  # "is that normal?" asks, it does not say
            continue
        if any(reach.start <= m.start and m.end <= reach.end for m in by_sentence.get(index, ())):
            continue
        pronoun = next((i for i in range(reach.start, reach.end) if sentence.tokens[i].norm in _BACK_PRONOUNS), None)
        if pronoun is None:
            continue
        if pronoun + 1 < len(sentence.tokens) and sentence.tokens[pronoun + 1].norm in _SUBJECTS:
            continue  # "the stairs that she managed fine": a relative pronoun, not "it's fine"
        if reach.cue.direction == "forward" and pronoun > reach.cue.end + 1:
            continue  # "haven't got one" denies what came before; "didn't say it hurt" does not
        at = bisect_left(keys, (index, pronoun))
        if at:
            last = reading.mentions[things[at - 1][1]]
            clause = _clause_start(reading.sentences[last.sentence], last.start)
            for m in by_sentence[
                last.sentence
            ]:  # what that clause named, and where: "a fever with the flu, but it's gone"
                if clause <= m.start <= last.start:
                    m.by.setdefault(category, reach.cue.words)


def _clause_start(sentence: Sentence, before: int) -> int:
    """Where the clause holding token `before` starts: after the last "but" (or like word) before it."""
    for i in range(before - 1, -1, -1):
        if sentence.tokens[i].norm in _CLAUSE_ENDS:
            return i + 1
    return 0


# ---------------------------------------------------------------------------------------------
# Rules
# ---------------------------------------------------------------------------------------------
def _decide(reading: Reading) -> Assessment:
    index = _Index(reading)
    fired: dict[str, str] = {}
    for rule in _ALL_RULES:
        quote = _fires(rule, reading, index)
        if quote is not None:
            fired[rule.id] = quote
    if not fired:
        fired.update(_bare_answer(reading, index.asserted))
    trend = series.rising(reading.sentences)
    if trend is not None:
        fired["worsening_over_days"] = fired.get("worsening_over_days", trend)
    score = series.bare_score(reading.sentences)
    if score is not None and score >= series.SEVERE:
        fired.setdefault("night_or_severe_pain", f"{score:g}")
    reported = index.reported
    for rule in _ALL_RULES:  # combinations: ... and one of these anywhere in the message
        if (
            rule.id in fired
            and rule.with_any
            and not any(w in reported or (w in fired and w != rule.id) for w in rule.with_any)
        ):
            reading.dropped[rule.id] = "needs one of: " + ", ".join(rule.with_any)
            del fired[rule.id]
    reading.decided = dict(fired)
    kept = _kept(fired, reported, reading)
    triggers = tuple(Trigger(rule.id, Tier.from_key(rule.tier), rule.label, fired[rule.id]) for rule in kept)
    tier = triggers[0].tier if triggers else Tier.SELF_CARE
    question = next((r.question for r in kept if Tier.from_key(r.tier) == tier and r.question), None)
    net = tier < Tier.URGENT and question is None and _needs_net(reading)
    return Assessment(tier, triggers, question, net, reading.language)


class _Index:
    """What the rules look up, gathered once per message: mentions that count, by concept and
    by clause, and the order of the clauses."""

    def __init__(self, reading: Reading):
        self.where = reading.fragments
        self.asserted = [m for m in reading.mentions if not m.discounted()]
        self.reported = {m.concept for m in self.asserted}
        self.by_concept = _by_concept(self.asserted)
        self.with_history = _by_concept([m for m in reading.mentions if not m.discounted(history_counts=True)])
        self.by_fragment: dict[tuple[int, int], list[Mention]] = {}
        for m in self.asserted:
            self.by_fragment.setdefault(self.where[id(m)], []).append(m)
        self.order = sorted(self.by_fragment)
        self.position = {key: i for i, key in enumerate(self.order)}
        self.roles = {key: {m.role for m in ms} for key, ms in self.by_fragment.items()}
        self.sentence_concepts: dict[int, set[str]] = {}
        for m in self.asserted:
            self.sentence_concepts.setdefault(m.sentence, set()).add(m.concept)
        self.pronouns = reading.pronoun_fragments


def _by_concept(mentions: list[Mention]) -> dict[str, list[Mention]]:
    found: dict[str, list[Mention]] = {}
    for m in mentions:
        found.setdefault(m.concept, []).append(m)
    return found


def _kept(fired: dict[str, str], reported: set[str], reading: Reading) -> list[rf.Rule]:
    """The fired rules that count, most urgent first: a rule is dropped when a more specific one
    (`unless`) fired, and a vague one when a definite trigger of a higher tier did."""
    rules = [r for r in _ALL_RULES if r.id in fired and r.id not in _SIGNAL_IDS]
    definite = max((Tier.from_key(r.tier) for r in rules if r.id not in _VAGUE_IDS), default=Tier.SELF_CARE)
    kept = []
    for rule in rules:
        if any(u in fired or u in reported for u in rule.unless):
            reading.dropped[rule.id] = "a more specific report: " + ", ".join(
                u for u in rule.unless if u in fired or u in reported
            )
            continue
        if rule.id in _VAGUE_IDS and Tier.from_key(rule.tier) < definite:
            reading.dropped[rule.id] = "a definite trigger of a higher tier"
            continue
        kept.append(rule)
    return sorted(kept, key=lambda r: (-Tier.from_key(r.tier), _ORDER[r.id]))


def _fires(rule: rf.Rule, reading: Reading, index: _Index) -> str | None:
    """The words that make the rule fire, or None."""
    counting = index.with_history if rule.history_counts else index.by_concept
    for concept in rule.any_of:
        for m in counting.get(concept, ()):
            if not _excluded(rule, m, index):
                return m.quote
    for link in rule.linked:
        pair = _linked(link, index)
        if pair is not None and not _excluded(rule, pair[0], index):
            return _quote(reading, *pair)
    return None


def _bare_answer(reading: Reading, asserted: list[Mention]) -> dict[str, str]:
    """A message that only names a red-flag place ("both legs", "yes, down there") answers the
    red-flag question the coach asks: the rules for that place fire."""
    words = [w for s in reading.sentences for w in s.words if w not in _ANSWER_FILLER]
    if len(reading.mentions) != 1 or len(words) > 4 or not asserted:
        return {}
    place = asserted[0]
    return {
        rule.id: place.quote
        for rule in rf.RULES
        if rule.answers and any(place.concept in second for _, second in rule.linked)
    }


def _excluded(rule: rf.Rule, mention: Mention, index: _Index) -> bool:
    """`not_with`: the same sentence says something that takes the mention out of the rule
    (unless it also says the symptom is new: "my old sciatica, but now my left leg is numb, that's new")."""
    if not rule.not_with:
        return False
    same = index.sentence_concepts.get(mention.sentence, set())
    return any(c in same for c in rule.not_with) and "new_symptom" not in same


def _linked(linked: tuple[tuple[str, ...], tuple[str, ...]], index: _Index) -> tuple[Mention, Mention] | None:
    """A symptom of `linked[0]` said about a place of `linked[1]`, if the message has one."""
    symptoms, places = linked
    firsts = [m for c in symptoms for m in index.by_concept.get(c, ())]
    seconds = [m for c in places for m in index.by_concept.get(c, ())]
    if not firsts or not seconds:
        return None
    where, by_fragment, order, roles = index.where, index.by_fragment, index.order, index.roles
    first_ids, second_ids = {id(m) for m in firsts}, {id(m) for m in seconds}
    second_at: dict[tuple[int, int], Mention] = {}
    for b in seconds:
        second_at.setdefault(where[id(b)], b)
    for a in firsts:  # in one clause
        found = second_at.get(where[id(a)])
        if found is not None:
            return a, found

    def gives(key: tuple[int, int]) -> bool:
        return any(id(m) in first_ids for m in by_fragment[key])

    def says_where(key: tuple[int, int]) -> bool:
        return any(id(m) in second_ids for m in by_fragment[key])

    for b in seconds:  # a clause naming only the place: the nearest clause with the symptom gives it
        key = where[id(b)]
        if "symptom" in roles[key]:
            continue
        position = index.position[key]
        for other in _nearest(order, position, -1, gives, steps=4) + _nearest(order, position, +1, gives, steps=2):
            return next(m for m in by_fragment[other] if id(m) in first_ids), b
    for a in firsts:  # a clause naming only the symptom: the clause before says where or when
        key = where[id(a)]  # ("3 weeks of this, and it isn't getting better"; "Bladder. I've lost control of it")
        if "place" in roles[key]:
            continue
        steps = 4 if key in index.pronouns else 1
        for other in _nearest(order, index.position[key], -1, says_where, steps=steps):
            return a, next(m for m in by_fragment[other] if id(m) in second_ids)
    return None


def _nearest(
    order: list[tuple[int, int]], position: int, step: int, wanted: Callable[[tuple[int, int]], bool], steps: int = 6
) -> list[tuple[int, int]]:
    """The nearest clause before (step -1) or after (+1) that is `wanted`, within a few clauses
    and at most two sentences away ("It feels numb. Where? Around my bottom.")."""
    here = order[position]
    i = position + step
    while 0 <= i < len(order) and abs(i - position) <= steps and abs(order[i][0] - here[0]) <= 2:
        if wanted(order[i]):
            return [order[i]]
        i += step
    return []


def _quote(reading: Reading, a: Mention, b: Mention) -> str:
    """The person's words for a symptom and its place: one stretch of text when they are close."""
    if a.sentence == b.sentence:
        first, last = (a, b) if a.start <= b.start else (b, a)
        if last.end - first.start <= 12:
            tokens = reading.sentences[a.sentence].tokens
            return reading.text[tokens[first.start].start : tokens[last.end - 1].end]
    return f"{a.quote} … {b.quote}"


def _needs_net(reading: Reading) -> bool:
    """The safety net: ask the red-flag checklist rather than stay silent."""
    if reading.language not in ("en",) and reading.language is not None:
        return True
    language = load("en")
    for m in reading.mentions:
        concept = language.concepts.get(m.concept)
        if concept is None or not concept.net:
            continue
        if not m.discounted():
            return True
        if (
            m.concept in _EMERGENCY_CONCEPTS
            and ("hypothetical" in m.by or "resolved" in m.by)
            and "negated" not in m.by
        ):
            return True
    return False


def assess_checklist(ids: Iterable[str]) -> Assessment:
    """Assess the red-flag items a person tapped in the checklist."""
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
    by_id = {rule.id: rule for rule in rf.RULES + rf.VAGUE}
    unknown = [i for i in ids if i not in by_id]
    if unknown:
        raise ValueError(f"unknown trigger ids: {unknown!r}")
    found = sorted({by_id[i] for i in ids}, key=lambda r: (-Tier.from_key(r.tier), _ORDER[r.id]))
    triggers = tuple(Trigger(r.id, Tier.from_key(r.tier), r.label, "") for r in found)
    return Assessment(triggers[0].tier if triggers else Tier.SELF_CARE, triggers)
