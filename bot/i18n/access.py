"""Messages of access control: start, invites, refusals."""

MESSAGES = {
    "access.refused": {
        "en": "Sorry, this is a private bot. Ask your team admin for an invite link.",
        "ru": "Извините, это закрытый бот. Попросите у администратора команды приглашение.",
        "nl": "Sorry, dit is een besloten bot. Vraag je teambeheerder om een uitnodiging.",
        "hu": "Elnézést, ez egy zárt bot. Kérjen meghívót a csapat adminisztrátorától.",
    },
    "access.welcome_new": {
        "en": "Welcome, {name}! You joined as {role}. Type /help to see what I can do.",
        "ru": "Добро пожаловать, {name}! Ваша роль: {role}. Наберите /help, чтобы узнать, что я умею.",
        "nl": "Welkom, {name}! Je bent aangemeld als {role}. Typ /help om te zien wat ik kan.",
        "hu": "Üdvözöljük, {name}! Szerepköre: {role}. Írja be: /help, és megmutatom, mire vagyok képes.",
    },
    "access.welcome_back": {
        "en": "Hello again, {name}! Type /help to see what I can do.",
        "ru": "Снова здравствуйте, {name}! Наберите /help, чтобы узнать, что я умею.",
        "nl": "Welkom terug, {name}! Typ /help om te zien wat ik kan.",
        "hu": "Üdv újra, {name}! Írja be: /help, és megmutatom, mire vagyok képes.",
    },
    "access.invite_usage": {
        "en": "Usage: /invite manager, /invite viewer or /invite admin",
        "ru": "Использование: /invite manager, /invite viewer или /invite admin",
        "nl": "Gebruik: /invite manager, /invite viewer of /invite admin",
        "hu": "Használat: /invite manager, /invite viewer vagy /invite admin",
    },
    "access.invite_created": {
        "en": (
            "Invite for a new <b>{role}</b>, valid until {expires}, usable once:\n{link}\n\n"
            "Or they send me: <code>/start {code}</code>"
        ),
        "ru": (
            "Приглашение для роли <b>{role}</b>, действует до {expires}, одноразовое:\n{link}\n\n"
            "Или пусть отправят мне: <code>/start {code}</code>"
        ),
        "nl": (
            "Uitnodiging voor een nieuwe <b>{role}</b>, geldig tot {expires}, eenmalig:\n"
            "{link}\n\nOf laat ze mij sturen: <code>/start {code}</code>"
        ),
        "hu": (
            "Meghívó új <b>{role}</b> számára, érvényes eddig: {expires}, egyszer használható:\n"
            "{link}\n\nVagy küldje el nekem: <code>/start {code}</code>"
        ),
    },
    "role.admin": {"en": "admin", "ru": "администратор", "nl": "beheerder", "hu": "adminisztrátor"},
    "role.manager": {"en": "manager", "ru": "менеджер", "nl": "accountmanager", "hu": "menedzser"},
    "role.viewer": {"en": "viewer", "ru": "наблюдатель", "nl": "kijker", "hu": "megtekintő"},
}
