"""/report: period buttons (and a manager filter for admins and viewers), then a short
summary and the charts as photos.

Callback data: rep:p:<w|m|q>:<manager id or 0> builds a report, rep:pick lists managers,
rep:for:<manager id or 0> shows the period buttons for that scope (0 = own / whole team).
"""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update

from bot import callbacks
from bot.callbacks import REPORT
from bot.context import AppContext
from bot.errors import InvalidInput
from bot.i18n import Translator
from bot.reports import Period
from bot.reports.service import TEAM_ROLES
from bot.reports.summary import render_summary, scope_name
from handlers.common import chat_of, keyboard, press_of, reply

PERIOD_KEYS = {"w": "week", "m": "month", "q": "quarter"}


async def show_report(update: Update, context: AppContext) -> None:
    """/report shows period buttons; /report YYYY-MM-DD YYYY-MM-DD builds that period."""
    user = context.required_user
    service = context.services.reports
    if context.args:
        if len(context.args) != 2:
            raise InvalidInput("report.usage")
        period = service.custom_period(user, context.args[0], context.args[1])
        await _send_report(update, context, period, None)
        return
    text, markup = await _chooser(context, None)
    await reply(update, text, markup)


async def choose_period(update: Update, context: AppContext) -> None:
    """A period button: build the report for it, then send the summary and charts."""
    query = press_of(update)
    key, manager_id = callbacks.fields(query.data)
    period = context.services.reports.period(context.required_user, PERIOD_KEYS[key])
    await _send_report(update, context, period, manager_id or None, query_to_answer=True)


async def pick_manager(update: Update, context: AppContext) -> None:
    """ "By manager…": the people an admin or viewer can filter by, two per row."""
    query = press_of(update)
    people = await context.services.reports.managers(context.required_user)
    t = context.t
    buttons = [(person.name, callbacks.data(REPORT, "for", person.id)) for person in people]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    rows.append([(t("report.btn_team"), callbacks.data(REPORT, "for", 0))])
    await query.answer()
    text = t("report.pick_manager") if people else t("report.no_managers")
    await query.edit_message_text(text, reply_markup=keyboard(rows))


async def choose_scope(update: Update, context: AppContext) -> None:
    """A manager (or "whole team") was picked: the period buttons for that scope."""
    query = press_of(update)
    (manager_id,) = callbacks.fields(query.data)
    text, markup = await _chooser(context, manager_id or None)
    await query.answer()
    await query.edit_message_text(text, reply_markup=markup)


async def _chooser(context: AppContext, manager_id: int | None) -> tuple[str, InlineKeyboardMarkup]:
    user = context.required_user
    t = context.t
    scope = await context.services.reports.scope(user, manager_id)
    target = scope.manager_id if user.role in TEAM_ROLES and scope.manager_id else 0
    rows = [
        [
            (t("report.btn_week"), callbacks.data(REPORT, "p", "w", target)),
            (t("report.btn_month"), callbacks.data(REPORT, "p", "m", target)),
            (t("report.btn_quarter"), callbacks.data(REPORT, "p", "q", target)),
        ]
    ]
    if user.role in TEAM_ROLES:
        rows.append([(t("report.btn_by_manager"), callbacks.data(REPORT, "pick"))])
        if target:
            rows.append([(t("report.btn_team"), callbacks.data(REPORT, "for", 0))])
    return t("report.choose", scope=scope_name(scope.manager_name, t)), keyboard(rows)


async def _send_report(
    update: Update,
    context: AppContext,
    period: Period,
    manager_id: int | None,
    *,
    query_to_answer: bool = False,
) -> None:
    """Figures first (a refusal surfaces before anything is sent), then text, then photos."""
    user = context.required_user
    service = context.services.reports
    report = await service.build(user, period, manager_id)
    if query_to_answer:
        await press_of(update).answer(context.t("report.building"))
    charts = await service.charts(report, user.language)
    await reply(update, render_summary(report, Translator(user.language)))
    chat_id = chat_of(update).id
    for chart in charts:
        await context.bot.send_photo(chat_id, photo=chart.png, caption=chart.caption)
