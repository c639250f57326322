"""Reports for managers and team leads: figures for a period and scope, summary, charts.

No Telegram imports here: handlers/reports.py adapts this to updates and messages.
"""

from bot.reports.charts import Chart
from bot.reports.model import Report, Scope
from bot.reports.periods import Period
from bot.reports.service import ReportService

__all__ = ["Chart", "Period", "Report", "ReportService", "Scope"]
