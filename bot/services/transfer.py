"""CSV import and export of clients, as a spreadsheet on a phone sends and opens them.

Import: comma or semicolon, UTF-8 with or without BOM (anything else is refused with a
clear reason: cp1251 is the usual culprit), header names in en/ru/nl/hu. A file is
imported all-or-nothing: one broken row refuses the whole file (with every reason listed),
blank rows and names that already exist are skipped and reported; the rest is written in one
transaction. Export writes UTF-8 with BOM (spreadsheets then read Cyrillic right) and
defuses cells a spreadsheet would run as a formula.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.clock import Clock
from bot.errors import InvalidInput, NotAllowed
from bot.names import name_key
from bot.services.clients import audit_client, clean_name, validate_field
from storage import clients, contracts, interactions, users
from storage.db import Database
from storage.users import User

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
HEADERS = {
    "name": "name client клиент название имя naam klant bedrijfsnaam név ügyfél cégnév",
    "company": "company компания организация bedrijf cég",
    "contact_person": "contact|contact person|контакт|контактное лицо|contactpersoon|"
    "kapcsolattartó",
    "phone": "phone|телефон|telefoon|telefon|telefonszám",
    "email": "email|e-mail|почта|эл. почта|e-mailadres|e-mail cím",
    "segment": "segment|tier|сегмент|категория|szegmens",
    "key_account": "key account|key_account|ключевой клиент|sleutelklant|kulcsügyfél",
    "status": "status|статус|állapot",
    "renewal_date": "renewal|renewal date|renewal_date|продление|дата продления|verlenging|"
    "verlengdatum|megújítás",
    "payment_terms_days": "payment terms|payment_terms_days|отсрочка|срок оплаты|"
    "betalingstermijn|fizetési határidő",
    "cadence_days": "cadence|cadence_days|contact every|contact interval|частота контакта|"
    "интервал контакта|contactfrequentie|contactinterval|kapcsolattartási gyakoriság|gyakoriság",
    "notes": "notes|заметки|примечания|notities|opmerkingen|megjegyzés|megjegyzések",
    "tags": "tags|теги|címkék",
}
HEADER_FIELDS = {
    alias.strip(): column
    for column, aliases in HEADERS.items()
    for alias in (aliases.split("|") if "|" in aliases else aliases.split())
}
EXPORT_COLUMNS = (
    "id name company contact_person phone email segment key_account status loss_reason "
    "renewal_date payment_terms_days cadence_days last_contact_at notes tags archived owner_id"
    " owner_name"
).split()
INTERACTION_COLUMNS = (
    "id client_id user_id user_name kind happened_at summary outcome decisions next_step place "
    "complaint_status"
).split()
NAME_COLUMNS = {"owner_name": "owner_id", "user_name": "user_id"}  # a name beside its id
TIME_COLUMNS = frozenset({"last_contact_at", "happened_at"})
_FORMULA = ("=", "+", "-", "@", "\t", "\r")
YES = frozenset({"1", "yes", "y", "true", "да", "ja", "igen", "x", "+"})


@dataclass(slots=True)
class ImportReport:
    imported: int = 0
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (line, reason key)
    errors: list[tuple[int, str, dict]] = field(default_factory=list)  # (line, key, params)


def decode(data: bytes) -> str:
    if len(data) > MAX_BYTES:
        raise InvalidInput("import.too_big", limit=MAX_BYTES // 1024)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput("import.not_utf8") from None


def read_rows(text: str) -> tuple[list[str | None], list[tuple[int, list[str]]]]:
    """(field per column, [(line number, cells)]); the header decides the delimiter."""
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows = [(reader.line_num, row) for row in reader]
    except csv.Error as error:
        raise InvalidInput("import.unreadable", reason=str(error)[:100]) from None
    if not rows:
        raise InvalidInput("import.empty")
    header = [HEADER_FIELDS.get(" ".join(cell.casefold().split())) for cell in rows[0][1]]
    if "name" not in header:
        raise InvalidInput("import.no_name_column")
    if len(rows) - 1 > MAX_ROWS:
        raise InvalidInput("import.too_many_rows", limit=MAX_ROWS)
    return header, rows[1:]


def _undefuse(value: str) -> str:
    return value[1:] if value.startswith("'") and value[1:2] in _FORMULA else value


class TransferService:
    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    async def import_csv(self, user: User, data: bytes) -> ImportReport:
        if not user.can_write:
            raise NotAllowed()
        header, rows = read_rows(decode(data))
        report = ImportReport()
        known = {key for _, name in await clients.names(self._db) for key in [name_key(name)]}
        ready: list[dict[str, Any]] = []
        for line, cells in rows:
            if not any(cell.strip() for cell in cells):
                report.skipped.append((line, "import.skip_blank"))
                continue
            if len(cells) != len(header):
                report.errors.append(
                    (line, "import.bad_columns", {"found": len(cells), "expected": len(header)})
                )
                continue
            values: dict[str, Any] = {}
            try:
                for column, raw in zip(header, cells, strict=True):
                    raw = _undefuse(raw.strip())
                    if column is None or not raw:
                        continue
                    if column == "key_account":
                        values[column] = raw.casefold() in YES
                    elif column == "name":
                        values[column] = clean_name(raw)
                    else:
                        values[column] = validate_field(column, raw)
            except InvalidInput as error:
                report.errors.append((line, error.key, error.params))
                continue
            if "name" not in values:
                report.errors.append((line, "clients.bad_name_empty", {}))
                continue
            key = name_key(str(values["name"]))
            if key in known:
                report.skipped.append((line, "import.skip_exists"))
                continue
            known.add(key)
            ready.append(values)
        if report.errors:
            return report
        now = self._clock.timestamp()
        async with self._db.transaction() as tx:
            for values in ready:
                name = str(values.pop("name"))
                client_id = await clients.insert(
                    tx, name=name, name_key=name_key(name), owner_id=user.id, now=now, **values
                )
                renewal = values.get("renewal_date")
                await contracts.follow_renewal_date(tx, client_id, str(renewal or ""), now)
            await audit_client(tx, user, "import", None, now, rows=len(ready))
        report.imported = len(ready)
        return report

    async def export_csv(self, user: User) -> tuple[bytes, bytes]:
        """(clients.csv, interactions.csv): the user's own clients, an admin's all."""
        owner = None if user.is_admin else user.id
        found = await clients.list_for_export(self._db, owner)
        history = await interactions.for_export(self._db, owner)
        zone = ZoneInfo(user.timezone)
        people = await users.names(self._db)

        def cell(item: object, column: str) -> object:
            if column in NAME_COLUMNS:
                return people.get(getattr(item, NAME_COLUMNS[column]), "")
            value = getattr(item, column)
            if column in TIME_COLUMNS and value is not None:  # local time, spreadsheet-friendly
                return (
                    datetime.fromtimestamp(value, UTC).astimezone(zone).strftime("%Y-%m-%d %H:%M")
                )
            return value

        return (
            _csv(EXPORT_COLUMNS, ([cell(c, col) for col in EXPORT_COLUMNS] for c in found)),
            _csv(
                INTERACTION_COLUMNS,
                ([cell(i, col) for col in INTERACTION_COLUMNS] for i in history),
            ),
        )


def _csv(columns: list[str], rows) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(value) for value in row])
    return buffer.getvalue().encode("utf-8-sig")


def _cell(value: object) -> object:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, str) and value.startswith(_FORMULA):
        return "'" + value
    return "" if value is None else value
