"""Report charts as PNG bytes: matplotlib's Agg canvas, no pyplot, no display.

Rendering is CPU work (~40 ms a chart), so the service runs it in a worker thread. One
`ChartRenderer` keeps one Figure and redraws it under a lock: matplotlib's text and font
caches are not thread-safe, and a reused Figure skips the setup of a new one. The font cache
lives in MPLCONFIGDIR (a writable temp dir unless set), so it is built once per machine,
not once per process, and CI sees no "config dir not writable" warning.
"""

from __future__ import annotations

import io
import os
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault(
    "MPLCONFIGDIR", str(Path(tempfile.gettempdir()) / f"amb-matplotlib-{os.getuid()}")
)

import matplotlib

matplotlib.use("Agg")

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from bot import fmt
from bot.i18n import translate
from bot.reports.model import Money, Report

WIDTH_IN, HEIGHT_IN, DPI = 8.0, 4.5, 100  # 800 x 450 px: readable on a phone, small file
PIXELS = (int(WIDTH_IN * DPI), int(HEIGHT_IN * DPI))
TOP_MANAGERS = 7  # the rest share one "Others" series
MAX_TICKS = 12
AGE_COLOURS = ("#f2c14e", "#f08a4b", "#d9534f", "#8b1e3f")
SERIES_COLOURS = (
    "#4e79a7",
    "#f28e2b",
    "#59a14f",
    "#e15759",
    "#76b7b2",
    "#edc948",
    "#b07aa1",
    "#bab0ac",
)


@dataclass(frozen=True, slots=True)
class Chart:
    name: str  # overdue | activity | renewals
    caption: str
    png: bytes


class ChartRenderer:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._figure = Figure(figsize=(WIDTH_IN, HEIGHT_IN), dpi=DPI)
        FigureCanvasAgg(self._figure)

    def render_all(self, report: Report, lang: str) -> list[Chart]:
        """The charts that have something to show, in the order they are sent."""
        charts = []
        if report.overdue.count:
            charts.append(self.overdue(report, lang))
        if report.activity.total:
            charts.append(self.activity(report, lang))
        if report.renewals.due:
            charts.append(self.renewals(report, lang))
        return charts

    def overdue(self, report: Report, lang: str) -> Chart:
        title = translate(lang, "report.chart_overdue")
        buckets = report.overdue.buckets
        with self._lock:
            ax = self._axes(lang, ylabel=translate(lang, "report.axis_invoices"))
            ax.set_title(title, fontsize=12)
            positions = range(len(buckets))
            counts = [bucket.count for bucket in buckets]
            ax.bar(positions, counts, color=AGE_COLOURS, width=0.6)
            ax.set_xticks(list(positions), [bucket.label for bucket in buckets])
            ax.set_xlabel(translate(lang, "report.axis_days_overdue"), fontsize=9)
            ax.set_ylim(0, max(counts) * 1.35 + 1)
            for x, bucket in zip(positions, buckets, strict=True):
                if bucket.count:
                    ax.annotate(
                        _amounts(bucket.totals, lang),
                        (x, bucket.count),
                        xytext=(0, 4),
                        textcoords="offset points",
                        ha="center",
                        va="bottom",
                        fontsize=8,
                    )
            return Chart("overdue", title, self._png())

    def activity(self, report: Report, lang: str) -> Chart:
        activity = report.activity
        key = "report.chart_activity_day" if report.period.daily else "report.chart_activity_week"
        title = translate(lang, key)
        series = list(activity.per_manager[:TOP_MANAGERS])
        rest = activity.per_manager[TOP_MANAGERS:]
        labels = [item.name for item in series]
        rows = [item.counts for item in series]
        if rest:
            labels.append(translate(lang, "report.legend_others"))
            rows.append(
                tuple(sum(column) for column in zip(*(r.counts for r in rest), strict=True))
            )
        with self._lock:
            ax = self._axes(lang, ylabel=translate(lang, "report.axis_interactions"), right=0.78)
            ax.set_title(title, fontsize=12)
            positions = list(range(len(activity.buckets)))
            bottom = [0] * len(positions)
            for index, (label, counts) in enumerate(zip(labels, rows, strict=True)):
                colour = SERIES_COLOURS[index % len(SERIES_COLOURS)]
                ax.bar(positions, counts, bottom=bottom, label=label, color=colour, width=0.8)
                bottom = [b + c for b, c in zip(bottom, counts, strict=True)]
            self._date_ticks(ax, activity.buckets, lang)
            _headroom(ax, max(bottom))
            ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
            return Chart("activity", title, self._png())

    def renewals(self, report: Report, lang: str) -> Chart:
        title = translate(lang, "report.chart_renewals")
        timeline = report.renewals.timeline
        with self._lock:
            ax = self._axes(lang, ylabel=translate(lang, "report.axis_contracts"), right=0.78)
            ax.set_title(title, fontsize=12)
            positions = list(range(len(timeline)))
            renewed = [point[2] for point in timeline]
            waiting = [point[1] - point[2] for point in timeline]
            ax.bar(
                positions,
                renewed,
                color="#59a14f",
                label=translate(lang, "report.legend_renewed"),
            )
            ax.bar(
                positions,
                waiting,
                bottom=renewed,
                color="#f28e2b",
                label=translate(lang, "report.legend_open"),
            )
            self._date_ticks(ax, tuple(point[0] for point in timeline), lang)
            _headroom(ax, max(point[1] for point in timeline))
            ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
            return Chart("renewals", title, self._png())

    # -- drawing helpers (callers hold the lock) -----------------------------------------

    def _axes(self, lang: str, *, ylabel: str, right: float = 0.97):
        figure = self._figure
        figure.clear()
        figure.subplots_adjust(left=0.09, right=right, top=0.9, bottom=0.16)
        ax = figure.add_subplot()
        ax.set_ylabel(ylabel, fontsize=9)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: fmt.number(int(value), lang)))
        ax.tick_params(labelsize=8)
        ax.spines[["top", "right"]].set_visible(False)
        ax.grid(axis="y", alpha=0.3)
        return ax

    def _date_ticks(self, ax, starts, lang: str) -> None:
        step = max(1, -(-len(starts) // MAX_TICKS))
        shown = list(range(0, len(starts), step))
        ax.set_xticks(shown, [fmt.short_day(starts[i], lang) for i in shown])

    def _png(self) -> bytes:
        buffer = io.BytesIO()
        self._figure.savefig(buffer, format="png", dpi=DPI)
        return buffer.getvalue()


def _headroom(ax, highest: int) -> None:
    """Keep the tallest bar below the top edge."""
    ax.set_ylim(0, max(highest, 1) * 1.15)


def _amounts(totals: tuple[Money, ...], lang: str, shown: int = 3) -> str:
    lines = [fmt.money(money.amount_minor, money.currency, lang) for money in totals[:shown]]
    if len(totals) > shown:
        lines.append(f"+{len(totals) - shown}")
    return "\n".join(lines)
