"""Soon: book a GP appointment in the next few days (CLINICAL: NHS "see a GP", NICE NG59)."""

from coach.red_flags.rule import SOON, Rule

RULES: tuple[Rule, ...] = (
    Rule(
        "no_improvement_two_weeks",
        SOON,
        "no improvement after about two weeks",
        any_of=("not_better",),
        with_any=("long_time",),  # anywhere in the message: "two weeks now ... and the pain is still 6"
        not_with=("chronic",),
    ),
    Rule(
        "worsening_over_days",
        SOON,
        "pain getting worse over days",
        any_of=("worse",),
        linked=((("worse",), ("long_time",)),),
    ),
    Rule(
        "night_or_severe_pain",
        SOON,
        "pain that wakes you at night or is severe",
        any_of=("wakes_at_night", "severe_pain"),
        linked=((("pain", "worse"), ("night",)),),
    ),
    Rule("weight_loss", SOON, "weight loss without trying", any_of=("weight_loss",), not_with=("dieting",)),
    Rule("lump_or_shape_change", SOON, "a lump or a change in the shape of the back", any_of=("lump",)),
    Rule("cancer_history", SOON, "a history of cancer", any_of=("cancer",), history_counts=True),
    Rule(
        "heat_repeatedly_worse",
        SOON,
        "heat keeps making the pain worse",
        linked=((("made_worse", "worse", "pain"), ("heat",)),),
        with_any=("again",),
    ),
)

VAGUE: tuple[Rule, ...] = (
    Rule(
        "possible_fever",
        SOON,
        "feeling hot (temperature not measured)",
        any_of=("feeling_hot",),
        unless=("fever", "low_temperature_shivering"),
        question="Is your temperature 38 °C (100.4 °F) or higher, or do you have chills or shivering?",
    ),
    Rule(
        "possible_weakness",
        SOON,
        "feeling weak",
        any_of=("weak",),
        not_with=("chronic",),
        unless=(
            "saddle_numbness",
            "both_legs_neuro",
            "cannot_stand_or_walk",
            "new_one_limb_neuro",
            "foot_drop",
            "possible_leg_change",
            "possible_cannot_walk",
        ),  # fmt: skip
        question="Are your legs weak or numb, or is it hard to stand or walk?",
    ),
    Rule(
        "possible_low_temperature",
        SOON,
        "a low temperature",
        any_of=("low_temperature",),
        unless=("low_temperature_shivering",),
        question="Are you shivering or feeling very cold?",
    ),
    Rule(
        "possible_flank_infection",
        SOON,
        "pain at the side under the ribs",
        any_of=("flank_pain",),
        linked=((("pain",), ("flank",)),),
        unless=("flank_pain_with_fever_or_urinary",),
        question="Do you have a fever or chills, or burning, cloudy or bloody pee?",
    ),
    Rule(
        "possible_red_skin",
        SOON,
        "red, swollen skin",
        any_of=("swollen_red",),
        unless=("spreading_red_skin", "rash_or_blisters"),
        question="Is the red, swollen area spreading or getting bigger?",
    ),
)
