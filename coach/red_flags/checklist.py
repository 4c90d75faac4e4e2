"""The red-flag checklist: asked in every check-in, and as the safety net (CLINICAL: "ask directly")."""

from coach.red_flags.rule import EMERGENCY, URGENT, ChecklistItem

CHECKLIST: tuple[ChecklistItem, ...] = (
    ChecklistItem(
        "bladder_bowel_or_cannot_pee", "Can't pee, or lost bladder/bowel control", EMERGENCY,
        ("bladder_bowel_control", "urinary_retention"),
    ),
    ChecklistItem("saddle_numbness", "Numb or tingly bum, groin or genitals", EMERGENCY, ("saddle_numbness",)),
    ChecklistItem("both_legs_neuro", "Both legs numb, tingly or weak", EMERGENCY, ("both_legs_neuro",)),
    ChecklistItem("cannot_stand_or_walk", "Suddenly can't stand or walk", EMERGENCY, ("cannot_stand_or_walk",)),
    ChecklistItem(
        "rapid_spreading_numbness", "Sudden or fast-spreading numbness", EMERGENCY, ("rapid_spreading_numbness",)
    ),
    ChecklistItem(
        "fever_with_meningism", "Stiff neck, worst headache, or confused", EMERGENCY,
        ("stiff_neck_with_fever_or_headache", "severe_headache_with_fever", "new_confusion_or_drowsiness"),
    ),
    ChecklistItem(
        "chest_or_tearing_pain", "Chest/tearing back pain or can't breathe", EMERGENCY,
        ("chest_or_tearing_pain", "tearing_back_pain", "breathing_difficulty"),
    ),
    ChecklistItem(
        "fever", "Fever, chills or shivering", URGENT,
        ("fever", "low_temperature_shivering", "flank_pain_with_fever_or_urinary"),
    ),
    ChecklistItem(
        "urinary_infection_signs", "Burning, cloudy or bloody pee", URGENT,
        ("urinary_infection_signs", "flank_pain_with_fever_or_urinary"),
    ),
    ChecklistItem(
        "skin_rash_or_redness", "New rash, blisters or spreading red skin", URGENT,
        ("rash_or_blisters", "spreading_red_skin"),
    ),
    ChecklistItem("one_limb_neuro", "New numb/weak arm or leg, or foot drags", URGENT, ("new_one_limb_neuro", "foot_drop")),
    ChecklistItem("trauma", "Pain after a fall, accident or blow", URGENT, ("trauma",)),
)  # fmt: skip
