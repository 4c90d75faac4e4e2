"""Urgent: get medical help today (CLINICAL: NHS 111 or an urgent GP appointment; a pharmacist for a rash)."""

from coach.red_flags.emergency import NEURO, SENSORY
from coach.red_flags.rule import URGENT, Rule

RULES: tuple[Rule, ...] = (
    Rule("fever", URGENT, "fever, chills or shivering", any_of=("fever",), unless=("low_temperature_shivering",)),
    Rule(
        "low_temperature_shivering",
        URGENT,
        "a temperature below 36 °C with shivering",
        any_of=("low_temperature",),
        with_any=("fever", "feeling_cold"),
    ),
    Rule(
        "flank_pain_with_fever_or_urinary",
        URGENT,
        "pain at the side under the ribs with fever or pee symptoms",
        any_of=("flank_pain",),
        linked=((("pain",), ("flank",)),),
        with_any=("fever", "feeling_hot", "urine_infection", "urinary_frequency"),
    ),
    Rule(
        "urinary_infection_signs",
        URGENT,
        "burning, cloudy or bloody pee, or a urine or kidney infection",
        any_of=("urine_infection",),
    ),
    Rule("rash_or_blisters", URGENT, "a rash or blisters", any_of=("rash",)),
    Rule(
        "spreading_red_skin",
        URGENT,
        "red, hot, swollen skin that is spreading",
        any_of=("red_skin",),
        linked=((("skin_sign",), ("growing",)),),
    ),
    Rule(
        "new_one_limb_neuro",
        URGENT,
        "new numbness, tingling or weakness in an arm or leg",
        linked=((NEURO, ("one_leg", "arm")),),
        not_with=("chronic",),
        question="Do you also have numbness, tingling or weakness in both legs, or around your genitals or bottom?",
    ),
    Rule(
        "foot_drop",
        URGENT,
        "a foot that drags or slaps",
        any_of=("foot_drop",),
        linked=((("dragging",), ("one_leg",)),),
    ),
    Rule("trauma", URGENT, "pain that started after a fall, accident or blow", any_of=("trauma",)),
)

# Vague reports: the tier used meanwhile, and the one question that settles them.
VAGUE: tuple[Rule, ...] = (
    Rule(
        "possible_numbness",
        URGENT,
        "numbness (where is not clear)",
        any_of=("numb",),
        not_with=("chronic",),
        unless=(
            "saddle_numbness", "both_legs_neuro", "cannot_stand_or_walk", "rapid_spreading_numbness",
            "new_one_limb_neuro", "foot_drop", "back_numbness", "possible_spreading_numbness",
            "possible_leg_change", "bladder_bowel_control", "possible_saddle_change",
        ),  # fmt: skip
        question="Is the numbness or tingling in both legs, or around your genitals or buttocks?",
    ),
    Rule(
        "possible_leg_change",
        URGENT,
        "legs feel strange",
        linked=((("odd", "heavy"), ("both_legs", "one_leg")),),
        unless=("saddle_numbness", "both_legs_neuro", "cannot_stand_or_walk", "new_one_limb_neuro", "foot_drop"),
        question="Do your legs feel numb, tingly or weak?",
    ),
    Rule(
        "possible_cannot_walk",
        URGENT,
        "hard to stand or walk",
        any_of=("walk_limited",),
        unless=("saddle_numbness", "both_legs_neuro", "cannot_stand_or_walk", "new_one_limb_neuro", "foot_drop"),
        question="Are you suddenly unable to stand or walk, or are your legs weak or numb?",
    ),
    Rule(
        "possible_bladder_change",
        URGENT,
        "a change in bladder or bowel habits",
        linked=((("odd", "not_better", "pain"), ("bladder_bowel",)),),
        unless=("bladder_bowel_control", "urinary_retention", "urinary_infection_signs"),
        question="Have you lost any control of your bladder or bowels, or is it hard to pee?",
    ),
    Rule(
        "possible_saddle_change",
        URGENT,
        "an odd feeling around the genitals or bottom",
        linked=((("odd",), ("saddle",)),),
        unless=("saddle_numbness",),
        question="Is there numbness or tingling around your genitals, bottom or inner thighs?",
    ),
    Rule(
        "possible_accident",
        URGENT,
        "an accident (not clear what kind)",
        any_of=("accident",),
        unless=("bladder_bowel_control", "trauma"),
        question="Do you mean you lost control of your bladder or bowels?",
    ),
    Rule(
        "possible_spreading_numbness",
        URGENT,
        "numbness that is spreading",
        linked=((SENSORY, ("spreading",)),),
        unless=("rapid_spreading_numbness", "both_legs_neuro", "saddle_numbness"),
        question="Did the numbness come on suddenly, or is it spreading quickly?",
    ),
    Rule(
        "possible_tearing_pain",
        URGENT,
        "sudden pain between the shoulder blades",
        linked=((("pain",), ("shoulder_blades",)),),
        with_any=("fast",),
        unless=("chest_or_tearing_pain", "tearing_back_pain"),
        question="Is it a sudden tearing or ripping pain, or do you have chest pain?",
    ),
    Rule(
        "possible_meningism",
        URGENT,
        "headache or sore neck with a fever",
        any_of=("headache",),
        linked=((("pain", "stiff"), ("head", "neck")),),
        with_any=("fever", "feeling_hot"),
        unless=("stiff_neck_with_fever_or_headache", "severe_headache_with_fever"),
        question="Is the headache severe, or do you have a stiff neck, or feel confused or very drowsy?",
    ),
)
