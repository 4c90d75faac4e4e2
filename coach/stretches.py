"""A small library of gentle back stretches, described in plain words.

Reviewed like code: each entry is what a person reads in their plan.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Stretch:
    """One named stretch with how to do it."""

    name: str
    how: str


STOP_RULE = "Move slowly and stop any stretch that makes the pain worse."

LIBRARY: tuple[Stretch, ...] = (
    Stretch(
        "Knee to chest",
        "Lie on your back, knees bent. Hug one knee gently towards your chest, "
        "hold 20 seconds, then swap. 3 times each side.",
    ),
    Stretch(
        "Cat and cow",
        "On hands and knees, slowly round your back up like a cat, then let it dip gently. 8 slow rounds.",
    ),
    Stretch(
        "Child's pose",
        "Kneel, sit back towards your heels and reach your arms forward along the "
        "floor. Breathe slowly for 20–30 seconds.",
    ),
    Stretch(
        "Pelvic tilt",
        "Lie on your back, knees bent. Flatten your lower back into the floor by "
        "tightening your tummy, hold 5 seconds, relax. 10 times.",
    ),
    Stretch(
        "Knee rolls",
        "Lie on your back, knees bent and together. Let them roll slowly to one side, "
        "then the other, as far as is comfortable. 10 times.",
    ),
    Stretch(
        "Seated twist",
        "Sit tall on a chair, feet flat. Turn your upper body gently to one side, "
        "hold 15 seconds, then the other side. 3 times each.",
    ),
    Stretch(
        "Short walk",
        "A relaxed 5–10 minute walk, on the flat, at an easy pace.",
    ),
)


def stretches_for_day(day: int, count: int = 3) -> tuple[Stretch, ...]:
    """The stretches suggested on a given day of an episode, rotating through the library."""
    start = (day - 1) * count % len(LIBRARY)
    return tuple(LIBRARY[(start + i) % len(LIBRARY)] for i in range(count))
