"""The progress chart: pain per day, missed check-ins and phase bands, as a PNG.

Built on `matplotlib.figure.Figure` without pyplot: no global state, so charts can be drawn
from several threads and nothing is left open after a call. Matplotlib is imported on the first
chart, not with the bot: it is 60 MB of memory a process that never draws one need not carry.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from math import ceil, nan
from typing import TYPE_CHECKING

from coach import wording
from coach.progress import CheckIn, DayPoint
from coach.protocol import Phase

if TYPE_CHECKING:  # matplotlib itself is imported on the first chart
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes

WIDTH_PX, HEIGHT_PX, DPI = 800, 450, 100
MAX_TICKS = 14
PHASE_COLOURS = {Phase.COLD: "#cfe5f7", Phase.HEAT: "#fbd9c4", Phase.MOIST_HEAT: "#f3d0e4", Phase.CONTRAST: "#dcdcf0"}
PAIN_COLOUR, MISSED_COLOUR = "#1f4e79", "#b03a2e"
MISSED_Y = -0.35  # just below 0, so a cross is never read as a pain score


def progress_chart(days: Sequence[DayPoint], title: str | None = None) -> bytes:
    """A PNG of pain 0-10 per day (oldest first), with missed check-ins and phase bands."""
    from matplotlib.figure import Figure

    figure = Figure(figsize=(WIDTH_PX / DPI, HEIGHT_PX / DPI), dpi=DPI, layout="constrained")
    axes = figure.add_subplot()
    axes.set_title(title or wording.chart_title())
    axes.set_ylim(-0.7, 10.5)
    axes.set_yticks(range(0, 11, 2))
    axes.set_ylabel(wording.CHART_PAIN)
    axes.set_xlim(-0.5, max(len(days), 1) - 0.5)
    if days:
        handles = _phase_bands(axes, days) + _pain_and_missed(axes, days)
        _day_ticks(axes, days)
        figure.legend(handles=handles, loc="outside lower center", ncols=len(handles), fontsize="small", frameon=False)
    else:
        axes.set_xticks([])
        axes.text(0, 5, wording.CHART_EMPTY, ha="center", va="center", color="grey")
    axes.grid(axis="y", alpha=0.3)
    out = io.BytesIO()
    figure.savefig(out, format="png", metadata={"Software": None})
    return out.getvalue()


def _phase_bands(axes: Axes, days: Sequence[DayPoint]) -> list[Artist]:
    """Shade each run of days in one phase; a legend entry for each phase shown."""
    start, shown = 0, []
    for i in range(1, len(days) + 1):
        if i < len(days) and days[i].phase == days[start].phase:
            continue
        phase = days[start].phase
        if phase is not None:
            axes.axvspan(start - 0.5, i - 0.5, color=PHASE_COLOURS[phase], zorder=0, linewidth=0)
            shown += [phase] if phase not in shown else []
        start = i
    from matplotlib.patches import Patch

    return [Patch(color=PHASE_COLOURS[p], label=wording.CHART_PHASES[p]) for p in Phase if p in shown]


def _pain_and_missed(axes: Axes, days: Sequence[DayPoint]) -> list[Artist]:
    """Pain as a line with markers (gaps where there is no score), missed check-ins as crosses."""
    x = range(len(days))
    pain = [nan if d.pain is None else d.pain for d in days]
    size = 6 if len(days) <= 31 else 3
    (line,) = axes.plot(
        x, pain, marker="o", markersize=size, color=PAIN_COLOUR, linewidth=2, label=wording.CHART_PAIN, zorder=3
    )
    missed = [i for i, d in enumerate(days) if d.checkin is CheckIn.MISSED]
    if not missed:
        return [line]
    crosses = axes.scatter(
        missed, [MISSED_Y] * len(missed), marker="x", s=60, color=MISSED_COLOUR, label=wording.CHART_MISSED, zorder=4
    )
    return [line, crosses]


def _day_ticks(axes: Axes, days: Sequence[DayPoint]) -> None:
    """Short day labels ('Mon\\n2'), thinned so at most MAX_TICKS show."""
    step = ceil(len(days) / MAX_TICKS)
    ticks = range(0, len(days), step)
    axes.set_xticks(list(ticks), [f"{wording.day_name(days[i].day)[:3]}\n{days[i].day.day}" for i in ticks])
