"""Red-flag triage: how soon a person needs help, from what they wrote.

Pure Python, no I/O. The clinical content is data in `coach.red_flags`; this package reads text
the way people write it and applies it: `normalise` (spelling, emoji, invisible characters),
`phrases` (the lexicon as a trie), `context` (ConText assertion), `series` (pain told in
numbers), `language` (which language a message is in) and `engine` (the rules and the safety
net). `explain` shows a clinician every step of a decision.
"""

from coach.red_flags import CHECKLIST
from coach.triage.engine import assess_checklist, assess_triggers, read, triage
from coach.triage.explain import explain
from coach.triage.model import Assessment, Tier, Trigger

__all__ = [
    "CHECKLIST",
    "Assessment",
    "Tier",
    "Trigger",
    "assess_checklist",
    "assess_triggers",
    "explain",
    "read",
    "triage",
]
