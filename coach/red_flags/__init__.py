"""Red flags: what people report, and how soon they need help. Reviewable data, one file a tier.

* `emergency`, `urgent`, `soon`: the triggers of each tier (``RULES``) and its vague reports
  (``VAGUE``: the tier used meanwhile and one direct question), in terms of concepts;
* `checklist`: the tap-to-answer red-flag items of the check-in, also the safety net;
* `en` (and each language after it): what people call each concept (`lexicon`), the ConText
  modifiers that negate or date a mention (`modifiers`), and spelling (`words`).

The source is the clinical basis in `docs/clinical.md` (NHS red flags, NICE NG59); the engine
that applies it is `coach.triage`; `docs/red-flags.md` is generated from here.
"""

from coach.red_flags import emergency, soon, urgent
from coach.red_flags.checklist import CHECKLIST
from coach.red_flags.emergency import SENSORY
from coach.red_flags.rule import EMERGENCY, SOON, URGENT, ChecklistItem, Concept, Modifier, Rule

RULES: tuple[Rule, ...] = emergency.RULES + urgent.RULES + soon.RULES
VAGUE: tuple[Rule, ...] = emergency.VAGUE + urgent.VAGUE + soon.VAGUE
# Reported facts that are no trigger themselves but rule one out.
SIGNALS: tuple[Rule, ...] = (
    Rule("back_numbness", "signal", "numbness in the back", linked=((SENSORY, ("back", "shoulder_blades")),)),
    Rule("severe_headache_signal", "signal", "a severe headache", linked=((("headache",), ("severe_pain",)),)),
)
TIERS = (EMERGENCY, URGENT, SOON)

__all__ = [
    "CHECKLIST", "EMERGENCY", "RULES", "SIGNALS", "SOON", "TIERS", "URGENT", "VAGUE",
    "ChecklistItem", "Concept", "Modifier", "Rule",
]  # fmt: skip
