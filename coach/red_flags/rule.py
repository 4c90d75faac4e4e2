"""The shapes of the red-flag data: rules, checklist items, concepts and ConText modifiers."""

from __future__ import annotations

from dataclasses import dataclass

EMERGENCY, URGENT, SOON = "emergency", "urgent", "soon"


@dataclass(frozen=True)
class Rule:
    """A trigger: what must be reported, at which tier, and how it is shown to the person.

    A rule fires when one of `any_of` is reported, or, for a pair of `linked`, when a symptom of
    the pair's first is reported about a place (or with a qualifier) of its second: in one
    clause, or joined across clauses ("the tingling started in my back; now it's in both legs"). `with_any` then needs one of these concepts or rule ids
    anywhere in the message; `unless` drops it when one of these rules fired or concepts were
    reported; `not_with` ignores it when the same sentence says one of these concepts.

    A vague rule (`question` set) is a report that needs one direct question; it is dropped when
    a definite trigger of a higher tier is found. `history_counts`: the person's own past counts
    (a history of cancer); someone else's still does not.
    """

    id: str
    tier: str
    label: str
    any_of: tuple[str, ...] = ()
    linked: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = ()
    with_any: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()
    not_with: tuple[str, ...] = ()
    question: str | None = None
    history_counts: bool = False
    answers: bool = False  # a message naming only the place ("both legs") answers the red-flag question

    @property
    def vague(self) -> bool:
        return self.question is not None

    @property
    def concepts(self) -> tuple[str, ...]:
        """Every concept the rule reads itself (`with_any` may also name rules)."""
        linked = tuple(c for first, second in self.linked for c in first + second)
        return self.any_of + linked + self.not_with


@dataclass(frozen=True)
class ChecklistItem:
    """One tap-to-answer item of the red-flag checklist (check-in and safety net)."""

    id: str
    label: str  # button text, at most 40 characters
    tier: str
    covers: tuple[str, ...]  # ids of the rules this item asks about


@dataclass(frozen=True)
class Concept:
    """What people call one thing, in one language.

    `role` says how it joins others: a `symptom` (numb, pain), a `place` it is in (both legs, the
    saddle area), a `qualifier` of it (fast, at night) or an `event` that stands alone (can't pee).
    `net`: naming it without any rule deciding asks the red-flag checklist. A concept that
    `hides` others is a look-alike: "fell asleep" is no fall, "can't walk far" no sudden loss of
    walking.
    """

    role: str
    phrases: tuple[str, ...]
    net: bool = False
    hides: tuple[str, ...] = ()  # concepts that do not count when they lie inside one of its matches ("*": all)


@dataclass(frozen=True)
class Modifier:
    """A ConText modifier: phrases that change what nearby mentions assert.

    `category`: negated, resolved, historical, hypothetical, family (someone else's past),
    exertion (a harmless cause), pseudo (a phrase that only looks like a modifier), terminate
    (ends every scope) or current (ends historical and resolved scopes: "now", "today").
    `direction`: forward, backward or both. `scope`: how many tokens it reaches at most.
    `applies_to`: only these concepts (all when empty).
    """

    category: str
    phrases: tuple[str, ...]
    direction: str = "forward"
    scope: int = 8
    applies_to: tuple[str, ...] = ()
    final: bool = False  # counts only at the end of a clause (a sentence end, a comma, "and", "but")
