"""/import, /export and /forget through the emulator's file support."""

import csv
import io
import json

from bot.services.contracts import Terms
from tests.clients.conftest import (
    ADMIN,
    MANAGER,
    RU_MANAGER,
    VIEWER,
    audit_rows,
    make_client,
    press_for_message,
)


async def send_csv(bot, user, content: bytes, filename: str = "clients.csv"):
    mark = bot.emu.mark()
    bot.emu.send_document(user, filename, content)
    return await bot.emu.wait_for_message(user.id, since=mark)


async def names(bot) -> list[str]:
    return [r[0] for r in await bot.services.db.fetch_all("SELECT name FROM clients ORDER BY id")]


RU_CSV = (
    "\ufeffНазвание;Телефон;Сегмент;Ключевой клиент;Заметки\n"
    "Ромашка ООО;+7 495 123-45-67;large;да;звонить после обеда\n"
    "\n"
    "Василёк;;small;;\n"
).encode()


class TestImport:
    async def test_semicolon_bom_russian_headers(self, team):
        ask = await team.say(RU_MANAGER, "/import")
        assert ask.text.startswith("Пришлите CSV-файл")
        report = await send_csv(team, RU_MANAGER, RU_CSV)
        assert report.text.splitlines() == [
            "Импортировано: 2 клиента; пропущено: 1.",
            "Строка 3: пустая, пропущена.",
        ]
        row = await team.services.db.fetch_one(
            "SELECT name, phone, segment, key_account, notes, owner_id FROM clients WHERE id = 1"
        )
        assert tuple(row) == (
            "Ромашка ООО",
            "+7 495 123-45-67",
            "large",
            1,
            "звонить после обеда",
            RU_MANAGER.id,
        )
        assert (await team.services.clients.find("ромашка")).name == "Ромашка ООО"

    async def test_comma_english_headers_skip_existing_names(self, team):
        await make_client(team, MANAGER, "Acme GmbH")
        content = (
            b"Name,Email,Payment terms\nACME gmbh,a@acme.example,30\nGlobex,g@globex.example,14\n"
        )
        await team.say(MANAGER, "/import")
        report = await send_csv(team, MANAGER, content)
        assert report.text.splitlines() == [
            "Imported 1 client; skipped 1.",
            "Row 2: this client already exists, skipped.",
        ]
        assert await names(team) == ["Acme GmbH", "Globex"]

    async def test_a_broken_row_refuses_the_whole_file(self, team):
        content = (
            b"name,email,renewal\n"
            b"Good Co,good@example.com,2027-01-01\n"
            b"Broken Co,not-an-email,2027-02-30\n"
            b"Short Co\n"
        )
        await team.say(MANAGER, "/import")
        report = await send_csv(team, MANAGER, content)
        assert report.text.splitlines() == [
            "Nothing was imported: 2 rows need fixing first.",
            "Row 3: “not-an-email” is not an e-mail address.",
            "Row 4: 1 columns instead of 3.",
        ]
        assert await names(team) == []

    async def test_cp1251_is_refused_clearly_in_dutch_and_english(self, team):
        content = "Название;Телефон\nРомашка;123\n".encode("cp1251")
        await team.say(MANAGER, "/import")
        report = await send_csv(team, MANAGER, content)
        assert report.text.startswith("The file is not UTF-8 (perhaps Windows-1251).")
        assert await names(team) == []
        from tests.clients.conftest import OTHER

        await team.say(OTHER, "/import")
        report = await send_csv(team, OTHER, content)
        assert report.text.startswith("A fájl nem UTF-8 (talán Windows-1251).")

    async def test_a_file_without_import_asks_for_the_command(self, team):
        report = await send_csv(team, MANAGER, b"name\nX\n")
        assert report.text == "To import clients, send /import first, then the CSV file."
        assert await names(team) == []

    async def test_missing_name_column(self, team):
        await team.say(MANAGER, "/import")
        report = await send_csv(team, MANAGER, b"phone;email\n123;a@b.cd\n")
        assert report.text.startswith("The first row must name the columns")

    async def test_viewers_cannot_import(self, team):
        reply = await team.say(VIEWER, "/import")
        assert reply.text == "Dat mag je niet doen."


class TestExport:
    async def test_export_sends_clients_and_interactions(self, team):
        acme = await make_client(team, MANAGER, "Acme GmbH", notes='=HYPERLINK("x")')
        await make_client(team, RU_MANAGER, "Ромашка")
        max_ = await team.services.access.user(MANAGER.id)
        await team.services.records.log(max_, acme, "call", "Спасибо, hello")
        mark = team.emu.mark()
        team.emu.send_text(MANAGER, "/export")
        await team.emu.wait_for_message(MANAGER.id, "Interactions", since=mark)
        first, second = team.emu.messages(MANAGER.id, since=mark)
        assert (first.kind, first.file.filename, second.file.filename) == (
            "document",
            "clients.csv",
            "interactions.csv",
        )
        rows = list(csv.DictReader(io.StringIO(first.file.content.decode("utf-8-sig"))))
        assert [r["name"] for r in rows] == ["Acme GmbH"]  # a manager's own clients only
        assert rows[0]["notes"] == '\'=HYPERLINK("x")'  # a spreadsheet will not run it
        history = list(csv.DictReader(io.StringIO(second.file.content.decode("utf-8-sig"))))
        assert [(h["kind"], h["summary"], h["happened_at"]) for h in history] == [
            ("call", "Спасибо, hello", "2026-11-24 10:00")  # Amsterdam time
        ]
        assert (history[0]["user_id"], history[0]["user_name"]) == (str(MANAGER.id), "Max Manager")

    async def test_admin_exports_everyone_and_reimport_round_trips(self, team):
        await make_client(team, MANAGER, "Acme GmbH", phone="+31 20 1234")
        await make_client(team, RU_MANAGER, "Ромашка")
        mark = team.emu.mark()
        team.emu.send_text(ADMIN, "/export")
        await team.emu.wait_for_message(ADMIN.id, "Interactions", since=mark)
        exported = team.emu.messages(ADMIN.id, since=mark)[0].file.content
        rows = list(csv.DictReader(io.StringIO(exported.decode("utf-8-sig"))))
        assert sorted(r["name"] for r in rows) == ["Acme GmbH", "Ромашка"]
        owners = {r["name"]: (r["owner_id"], r["owner_name"]) for r in rows}
        assert owners == {  # the owner's name beside the id
            "Acme GmbH": (str(MANAGER.id), "Max"),
            "Ромашка": (str(RU_MANAGER.id), "Ира"),
        }
        await team.say(ADMIN, "/import")
        report = await send_csv(team, ADMIN, exported)
        assert report.text.startswith("Imported 0 clients; skipped 2.")


class TestForget:
    async def test_forget_deletes_everything_after_confirmation(self, team):
        cid = await make_client(team, MANAGER, "Acme GmbH")
        keep = await make_client(team, MANAGER, "Globex")
        max_ = await team.services.access.user(MANAGER.id)
        await team.services.records.log(max_, cid, "call", "hello")
        await team.services.records.add_invoice(max_, cid, "10", "EUR", "2026-12-01")
        await team.services.contracts.set_terms(
            max_, cid, Terms(end_on="2027-01-01", notice_days=30)
        )
        due = team.services.dates.read(max_, "2026-12-01").epoch
        await team.services.reminders.create(max_, text="Acme", due_at=due, client_id=cid)
        await team.services.clients.add_contact(max_, cid, "Dana")
        await team.services.records.log(max_, keep, "call", "keep me")
        ask = await team.say(ADMIN, "/forget acme")
        assert ask.text.startswith("Delete “Acme GmbH” with all interactions")
        assert (await team.services.clients.get(cid)).name == "Acme GmbH"  # not yet
        done = await team.press_and_edit(ADMIN, f"cl:fgt:{cid}", message_id=ask.message_id)
        assert done.text == "“Acme GmbH” and all its data are deleted."
        for table in ("interactions", "invoices", "contracts", "reminders", "contacts"):
            row = await team.services.db.fetch_one(
                f"SELECT count(*) FROM {table} WHERE client_id = ?",  # noqa: S608
                (cid,),
            )
            assert row[0] == 0, table
        assert await names(team) == ["Globex"]
        (audit,) = await audit_rows(team, "delete")
        assert (audit["user_id"], audit["entity_id"]) == (ADMIN.id, cid)
        assert json.loads(audit["details"])["name"] == "Acme GmbH"

    async def test_managers_cannot_forget_and_no_keeps_the_client(self, team):
        cid = await make_client(team, MANAGER, "Acme GmbH")
        reply = await team.say(MANAGER, "/forget acme")
        assert reply.text == "You are not allowed to do that."
        ask = await team.say(ADMIN, "/forget acme")
        card = await press_for_message(team, ADMIN, f"cl:open:{cid}", message_id=ask.message_id)
        assert card.text.startswith("Acme GmbH")
        assert await audit_rows(team, "delete") == []


class TestImportRetry:
    async def test_a_fixed_file_can_be_sent_again_without_import(self, team):
        await team.say(MANAGER, "/import")
        refused = await send_csv(team, MANAGER, "name\nРомашка\n".encode("cp1251"))
        assert refused.text.startswith("The file is not UTF-8")
        report = await send_csv(team, MANAGER, "name\nРомашка\n".encode())
        assert report.text == "Imported 1 client; skipped 0."
        again = await send_csv(team, MANAGER, b"name\nOther\n")
        assert again.text.startswith("To import clients, send /import first")
