"""Charts decode as PNG of the promised size; numbers and labels follow the user's language."""

import io

import pytest
from PIL import Image

from bot.i18n import Translator
from bot.reports import ReportService
from bot.reports.charts import PIXELS
from bot.reports.summary import render_summary
from storage import users
from storage.db import Database
from tests.reports.factory import ADMIN_ID, BORIS_ID, seed_known


@pytest.fixture
async def team_report(tmp_path, clock):
    db = await Database.open(tmp_path / "charts.sqlite3")
    try:
        await seed_known(db)
        service = ReportService(db, clock)
        admin = await users.get(db, ADMIN_ID)
        yield service, await service.build(admin, service.period(admin, "month"))
    finally:
        await db.close()


class TestCharts:
    @pytest.mark.parametrize("lang", ["en", "ru", "nl", "hu"])
    async def test_every_chart_decodes_with_the_expected_size(self, team_report, lang):
        service, report = team_report
        charts = await service.charts(report, lang)
        assert [chart.name for chart in charts] == ["overdue", "activity", "renewals"]
        for chart in charts:
            image = Image.open(io.BytesIO(chart.png))
            image.load()
            assert image.format == "PNG" and image.size == PIXELS == (800, 450)
            assert chart.caption

    async def test_charts_with_nothing_to_show_are_left_out(self, tmp_path, clock):
        db = await Database.open(tmp_path / "empty.sqlite3")
        try:
            await seed_known(db)
            service = ReportService(db, clock)
            admin = await users.get(db, ADMIN_ID)
            period = service.custom_period(admin, "2025-03-01", "2025-03-31")
            report = await service.build(admin, period)
            assert await service.charts(report, "en") == []
        finally:
            await db.close()

    async def test_the_same_report_renders_the_same_bytes(self, team_report):
        """The reused figure carries nothing over from one chart to the next."""
        service, report = team_report
        first = await service.charts(report, "nl")
        await service.charts(report, "ru")
        again = await service.charts(report, "nl")
        assert [c.png for c in first] == [c.png for c in again]


class TestSummary:
    async def test_english_summary_has_every_figure(self, team_report):
        _, report = team_report
        text = render_summary(report, Translator("en"))
        assert text.splitlines()[:2] == [
            "<b>Report: the whole team</b>",
            "1\u2009–\u200930 Nov 2026",  # Babel's interval format
        ]
        assert "Interactions: 5 (calls 3, meetings 1, complaints 1)" in text
        assert "Clients: 4 · contacted within 30 days: 2 · no contact for 30+ days: 1" in text
        assert (
            "Overdue receivables: 6 · €4,600.50, JP¥5,000, US$500.00 · oldest 115 days overdue"
        ) in text
        assert "Renewals due: 3 · renewed: 1" in text
        assert "Open complaints: 1 (raised in this period: 1)" in text
        assert "on time: 2 · late: 1 · missed: 1 · still open: 2" in text
        assert "New clients: 1 · lost: 3\n  · price: 2\n  · no reason given: 1" in text

    async def test_russian_summary_uses_russian_numbers(self, team_report):
        _, report = team_report
        text = render_summary(report, Translator("ru"))
        assert "4\u00a0600,50\u00a0€" in text and "Продления в периоде: 3" in text

    async def test_user_text_in_the_summary_is_escaped(self, tmp_path, clock):
        db = await Database.open(tmp_path / "escape.sqlite3")
        try:
            await seed_known(db)
            async with db.transaction() as tx:
                await tx.execute(
                    "UPDATE clients SET loss_reason = '<b>cheaper</b> & co'"
                    " WHERE loss_reason = 'price'"
                )
                await tx.execute("UPDATE users SET name = '<i>Bo</i>' WHERE id = ?", (BORIS_ID,))
            service = ReportService(db, clock)
            admin = await users.get(db, ADMIN_ID)
            report = await service.build(admin, service.period(admin, "month"), BORIS_ID)
            team = await service.build(admin, service.period(admin, "month"))
            assert "Report: &lt;i&gt;Bo&lt;/i&gt;" in render_summary(report, Translator("en"))
            assert "&lt;b&gt;cheaper&lt;/b&gt; &amp; co: 2" in render_summary(
                team, Translator("en")
            )
        finally:
            await db.close()
