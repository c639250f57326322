"""Reports for managers and team leads: figures for a period and scope, summary, charts.

No Telegram imports here: handlers/reports.py adapts this to updates and messages.
matplotlib (bot.reports.charts) is imported only when the first chart is drawn.
"""

from bot.reports.model import Report, Scope
from bot.reports.periods import Period
from bot.reports.service import ReportService

__all__ = ["Period", "Report", "ReportService", "Scope"]
