"""Who is in the sandbox and what their portfolio looks like: 15 clients in four languages.

Dates are relative to the sandbox clock at seeding time (days from today), so overdue
invoices stay overdue and renewals stay "soon" whenever the sandbox is first started.
"""

from __future__ import annotations

from dataclasses import dataclass

from sandbox.models import FakeUser

ADMIN_ID, RU_MANAGER_ID, NL_MANAGER_ID = 1001, 1002, 1003
TEAM_CHAT_ID = -4000000001
TEAM_TITLE = "Sales team"


@dataclass(frozen=True, slots=True)
class Persona:
    user: FakeUser
    role: str
    language: str
    timezone: str

    @property
    def id(self) -> int:
        return self.user.id

    @property
    def name(self) -> str:
        return " ".join(p for p in (self.user.first_name, self.user.last_name) if p)


PERSONAS = (
    Persona(
        FakeUser(ADMIN_ID, "Alice", "Morgan", "alice_lead", "en"), "admin", "en", "Europe/London"
    ),
    Persona(
        FakeUser(RU_MANAGER_ID, "Дмитрий", "Соколов", "dmitry_s", "ru"),
        "manager",
        "ru",
        "Europe/Moscow",
    ),
    Persona(
        FakeUser(NL_MANAGER_ID, "Eva", "de Vries", "eva_dv", "nl"),
        "manager",
        "nl",
        "Europe/Amsterdam",
    ),
)


@dataclass(frozen=True, slots=True)
class Interaction:
    days_ago: int
    kind: str
    summary: str
    outcome: str | None = None
    complaint_open: bool = False


@dataclass(frozen=True, slots=True)
class Invoice:
    number: str
    amount_minor: int
    due_in_days: int  # negative: due in the past
    paid: bool = False


@dataclass(frozen=True, slots=True)
class Contract:
    title: str
    ends_in_days: int
    value_minor: int
    notice_days: int = 30


@dataclass(frozen=True, slots=True)
class DemoClient:
    name: str
    owner_id: int
    currency: str
    contact: str
    phone: str
    email: str
    segment: str = "medium"
    status: str = "active"
    loss_reason: str | None = None
    key_account: bool = False
    interactions: tuple[Interaction, ...] = ()
    invoices: tuple[Invoice, ...] = ()
    contract: Contract | None = None
    follow_up: tuple[float, str] | None = None  # (hours from now, reminder text)


Talk, Bill, Deal = Interaction, Invoice, Contract

# fmt: off
CLIENTS: tuple[DemoClient, ...] = (
    DemoClient(
        "Van der Berg Logistiek BV", NL_MANAGER_ID, "EUR", "Pieter van der Berg",
        "+31 20 555 0142", "pieter@vdberg-logistiek.nl", "large", key_account=True,
        interactions=(
            Talk(3, "call", "Offerte voor extra magazijnruimte besproken",
                 "Wil voor vrijdag een voorstel"),
            Talk(24, "meeting", "Kwartaaloverleg op locatie in Tilburg"),
        ),
        invoices=(Bill("2026-0412", 1_845_000, -18), Bill("2026-0388", 920_000, -48, paid=True)),
        contract=Deal("Raamcontract warehousing", 26, 21_600_000, notice_days=60),
        follow_up=(2.5, "Offerte magazijnruimte sturen"),
    ),
    DemoClient(
        "Jansen Installatietechniek BV", NL_MANAGER_ID, "EUR", "Sanne Jansen",
        "+31 30 555 0177", "sanne@jansen-installatie.nl", "small",
        interactions=(Talk(41, "email", "Nieuwe prijslijst verstuurd"),),
        invoices=(Bill("2026-0420", 312_50, 9),),
        contract=Deal("Onderhoudscontract", 210, 480_000),
    ),
    DemoClient(
        "De Groot Bouw BV", NL_MANAGER_ID, "EUR", "Mark de Groot",
        "+31 10 555 0190", "mark@degrootbouw.nl", "large",
        interactions=(
            Talk(6, "complaint", "Levering twee weken te laat, klant ontevreden",
                 complaint_open=True),
            Talk(13, "call", "Planning fase 2 doorgenomen"),
        ),
        invoices=(Bill("2026-0399", 4_250_000, -35),),
        contract=Deal("Projectcontract nieuwbouw Rotterdam-Zuid", 54, 38_000_000, notice_days=90),
    ),
    DemoClient(
        "Bakker & Zonen BV", NL_MANAGER_ID, "EUR", "Lotte Bakker",
        "+31 40 555 0133", "lotte@bakkerenzonen.nl", "small", status="prospect",
        interactions=(Talk(2, "meeting", "Kennismaking, interesse in het basispakket"),),
        follow_up=(26, "Bakker & Zonen terugbellen over het basispakket"),
    ),
    DemoClient(
        "Müller Maschinenbau GmbH", NL_MANAGER_ID, "EUR", "Klaus Müller",
        "+49 711 555 0160", "k.mueller@mueller-maschinenbau.de", "large",
        interactions=(
            Talk(9, "call", "Rahmenvertrag 2027 vorbesprochen", "Angebot bis Monatsende"),
        ),
        invoices=(Bill("2026-0431", 2_780_000, 21),),
        contract=Deal("Rahmenvertrag Ersatzteile", 12, 15_400_000, notice_days=30),
    ),
    DemoClient(
        "Schneider Logistik GmbH", NL_MANAGER_ID, "EUR", "Julia Schneider",
        "+49 40 555 0118", "julia.schneider@schneider-logistik.de",
        interactions=(Talk(63, "email", "Rückfrage zur Rechnung beantwortet"),),
        invoices=(Bill("2026-0365", 1_120_000, -72),),
        contract=Deal("Servicevertrag", 140, 6_000_000),
    ),
    DemoClient(
        "ООО «Ромашка»", RU_MANAGER_ID, "RUB", "Ольга Смирнова",
        "+7 495 555-01-23", "o.smirnova@romashka.ru", key_account=True,
        interactions=(
            Talk(1, "call", "Обсудили продление договора, ждут КП", "Отправить КП до пятницы"),
            Talk(15, "meeting", "Встреча в офисе клиента, презентация новых тарифов"),
        ),
        invoices=(Bill("А-1187", 48_500_000, -12), Bill("А-1150", 32_000_000, -40, paid=True)),
        contract=Deal("Договор поставки № 17/25", 19, 540_000_000, notice_days=30),
        follow_up=(1, "Позвонить Ольге Смирновой насчёт продления"),
    ),
    DemoClient(
        "ООО «СеверСтройМонтаж»", RU_MANAGER_ID, "RUB", "Игорь Кузнецов",
        "+7 812 555-04-56", "kuznetsov@ssm.ru", "large",
        interactions=(Talk(37, "meeting", "Переговоры по объекту в Мурино"),),
        invoices=(Bill("А-1172", 126_000_000, -26),),
        contract=Deal("Договор подряда № 4-СМ", 95, 1_250_000_000, notice_days=45),
    ),
    DemoClient(
        "ООО «Вектор Плюс»", RU_MANAGER_ID, "RUB", "Анна Морозова",
        "+7 343 555-07-89", "morozova@vector-plus.ru", "small",
        interactions=(
            Talk(5, "complaint", "Жалоба на качество упаковки", "Заменили партию"),
            Talk(20, "call", "Уточнили объёмы на декабрь"),
        ),
        invoices=(Bill("А-1195", 7_800_000, 14),),
    ),
    DemoClient(
        "ООО «ТехноЛайн»", RU_MANAGER_ID, "RUB", "Сергей Павлов",
        "+7 383 555-02-11", "pavlov@technoline.ru", status="lost",
        loss_reason="Ушли к конкуренту из-за цены",
        interactions=(Talk(52, "call", "Клиент сообщил о переходе к другому поставщику"),),
    ),
    DemoClient(
        "Brightwave Analytics Ltd", RU_MANAGER_ID, "GBP", "Emma Clarke",
        "+44 20 7946 0321", "emma.clarke@brightwave.co.uk",
        interactions=(Talk(11, "email", "Sent the Q1 roadmap and the updated SLA"),),
        invoices=(Bill("BW-0097", 650_000, -5),),
        contract=Deal("Analytics subscription", 44, 7_800_000),
    ),
    DemoClient(
        "Acme Supplies Ltd", ADMIN_ID, "GBP", "John Carter",
        "+44 161 496 0752", "john.carter@acme-supplies.co.uk", "large", key_account=True,
        interactions=(
            Talk(4, "meeting", "Annual review with the procurement board", "Expansion to 3 sites"),
            Talk(30, "call", "Discussed volume discount tiers"),
        ),
        invoices=(Bill("AC-2291", 2_340_000, -3), Bill("AC-2250", 1_990_000, -33, paid=True)),
        contract=Deal("Master services agreement", 33, 42_000_000, notice_days=60),
        follow_up=(4, "Send Acme the multi-site proposal"),
    ),
    DemoClient(
        "Kovács és Társa Kft.", ADMIN_ID, "HUF", "Kovács Péter",
        "+36 1 555 0145", "kovacs.peter@kovacestarsa.hu",
        interactions=(Talk(8, "call", "Megbeszéltük a jövő évi keretszerződést"),),
        invoices=(Bill("KT-2026/311", 1_850_000, -22),),
        contract=Deal("Keretszerződés 2026", 37, 24_000_000),
    ),
    DemoClient(
        "Tisza Trans Kft.", ADMIN_ID, "HUF", "Nagy Eszter",
        "+36 62 555 0178", "nagy.eszter@tiszatrans.hu", "small",
        interactions=(Talk(45, "email", "Árajánlat elküldve, válaszra várunk"),),
        invoices=(Bill("KT-2026/298", 420_000, 6),),
    ),
    DemoClient(
        "Balaton Szoftver Kft.", ADMIN_ID, "HUF", "Szabó Gábor",
        "+36 87 555 0199", "szabo.gabor@balatonszoftver.hu",
        interactions=(
            Talk(2, "meeting", "Bemutató az új modulról", "Tesztidőszakot kérnek"),
            Talk(19, "call", "Számlázási kérdés tisztázva"),
        ),
        invoices=(Bill("KT-2026/305", 960_000, -9, paid=True),),
        contract=Deal("Szoftverlicenc és támogatás", 180, 11_500_000),
        follow_up=(50, "Balaton Szoftver: tesztidőszak indítása"),
    ),
)
# fmt: on
