"""Emergency: call the emergency number now (CLINICAL: NHS "call 999", NICE NG59 cauda equina)."""

from coach.red_flags.rule import EMERGENCY, Rule

NEURO = ("numb", "tingle", "weak")
SENSORY = ("numb", "tingle")

RULES: tuple[Rule, ...] = (
    Rule(
        "bladder_bowel_control",
        EMERGENCY,
        "loss of bladder or bowel control",
        any_of=("incontinence",),
        linked=((("control_loss",), ("bladder_bowel",)),),
        answers=True,
    ),
    Rule(
        "urinary_retention",
        EMERGENCY,
        "difficulty peeing or not able to pee",
        any_of=("retention",),
        linked=((("nothing_out",), ("bladder_bowel",)), (("trying_to_pee",), ("no_result",))),
        answers=True,
    ),
    Rule(
        "saddle_numbness",
        EMERGENCY,
        "numbness or tingling around the genitals, bottom or inner thighs",
        linked=((SENSORY, ("saddle",)),),
        answers=True,
    ),
    Rule(
        "both_legs_neuro",
        EMERGENCY,
        "numbness, tingling or weakness in both legs",
        linked=((NEURO, ("both_legs",)),),
        answers=True,
    ),
    Rule(
        "cannot_stand_or_walk",
        EMERGENCY,
        "suddenly not able to stand or walk",
        any_of=("cannot_walk",),
        linked=((("trying_to_walk",), ("no_result",)),),
    ),
    Rule(
        "rapid_spreading_numbness",
        EMERGENCY,
        "sudden or rapidly spreading numbness",
        linked=((SENSORY, ("fast",)),),
    ),
    Rule(
        "stiff_neck_with_fever_or_headache",
        EMERGENCY,
        "a stiff neck with a fever or a severe headache",
        any_of=("stiff_neck",),
        linked=((("stiff",), ("neck",)),),
        with_any=("fever", "severe_headache", "severe_headache_signal", "photophobia", "feeling_hot"),
    ),
    Rule(
        "severe_headache_with_fever",
        EMERGENCY,
        "a severe headache with a fever",
        any_of=("severe_headache",),
        with_any=("fever",),
    ),
    Rule(
        "new_confusion_or_drowsiness",
        EMERGENCY,
        "new confusion or drowsiness",
        any_of=("confusion", "drowsy"),
        not_with=("chronic",),
    ),
    Rule(
        "chest_or_tearing_pain",
        EMERGENCY,
        "chest pain, or sudden tearing pain in the upper back",
        any_of=("chest_pain",),
        linked=((("pain", "tearing"), ("chest",)),),
        answers=True,
    ),
    Rule(
        "tearing_back_pain",
        EMERGENCY,
        "sudden tearing pain between the shoulder blades",
        linked=((("tearing",), ("shoulder_blades", "back", "chest")),),
    ),
    Rule("breathing_difficulty", EMERGENCY, "struggling to breathe", any_of=("breathing",)),
)

VAGUE: tuple[Rule, ...] = ()
