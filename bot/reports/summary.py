"""The report as a short HTML text in the reader's language (values escaped by translate)."""

from __future__ import annotations

from functools import partial

from bot import fmt
from bot.i18n import Translator
from bot.reports.model import Report

SHOWN_REASONS = 5


def scope_name(manager_name: str | None, t: Translator) -> str:
    """A manager's name, or "the whole team"."""
    return manager_name or t("report.scope_team")


def render_summary(report: Report, t: Translator) -> str:
    """The whole report: title, activity, coverage, overdue money, then the outcomes."""
    lang = t.lang
    n = partial(fmt.number, lang=lang)
    activity, overdue = report.activity, report.overdue
    lines = [
        t(
            "report.title",
            scope=scope_name(report.scope.manager_name, t),
            period=fmt.day_range(report.period.start, report.period.end, lang),
        ),
        "",
    ]
    if activity.total:
        details = ", ".join(
            t("report.kind_count", kind=t(f"report.kind.{kind}"), count=n(count))
            for kind, count in activity.by_kind
            if count
        )
        lines.append(t("report.activity", total=n(activity.total), details=details))
    else:
        lines.append(t("report.activity_none"))
    coverage = report.coverage
    lines.append(
        t(
            "report.coverage",
            clients=n(coverage.clients),
            contacted=n(coverage.contacted),
            cold=n(coverage.cold),
            in_period=n(coverage.contacted_in_period),
        )
    )
    if overdue.count:
        totals = ", ".join(fmt.money(m.amount_minor, m.currency, lang) for m in overdue.totals)
        lines.append(
            t(
                "report.overdue",
                count=n(overdue.count),
                totals=totals,
                days=t("count.days", count=overdue.oldest_days or 0),
            )
        )
    else:
        lines.append(t("report.overdue_none"))
    return "\n".join([*lines, *_outcomes(report, t)])


def _outcomes(report: Report, t: Translator) -> list[str]:
    """Renewals, complaints, follow-ups kept, clients won and lost (with the reasons)."""
    n = partial(fmt.number, lang=t.lang)
    follow_ups, flow = report.follow_ups, report.clients
    lines = []
    lines.append(
        t("report.renewals", due=n(report.renewals.due), renewed=n(report.renewals.renewed))
    )
    lines.append(
        t("report.complaints", open=n(report.complaints.open), raised=n(report.complaints.raised))
    )
    lines.append(
        t(
            "report.follow_ups",
            due=n(follow_ups.due),
            on_time=n(follow_ups.on_time),
            late=n(follow_ups.late),
            missed=n(follow_ups.missed),
            open=n(follow_ups.open),
        )
    )
    lines.append(t("report.clients", new=n(flow.new), lost=n(flow.lost)))
    for reason, count in flow.loss_reasons[:SHOWN_REASONS]:
        lines.append(
            t("report.loss_reason", reason=reason or t("report.no_reason"), count=n(count))
        )
    rest = sum(count for _, count in flow.loss_reasons[SHOWN_REASONS:])
    if rest:
        lines.append(t("report.more_reasons", count=n(rest)))
    return lines
