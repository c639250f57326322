"""JavaScript probes the browser tests ask the sandbox page (each returns a value or null)."""

from __future__ import annotations

import json
from pathlib import Path

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

COUNT_MESSAGES = "document.querySelectorAll('#messages .msg').length"


def last_bot_bubble(contains: str) -> str:
    """JS: the text of the newest bot message containing `contains` (or null)."""
    return f"""(() => {{
        const found = [...document.querySelectorAll('#messages .msg.in .bubble')]
            .filter(b => b.textContent.includes({json.dumps(contains)}));
        return found.length ? found[found.length - 1].textContent : null;
    }})()"""


def message_with_button(data: str) -> str:
    return f"""(() => {{
        const b = document.querySelector('button.kb[data-data={json.dumps(data)}]');
        return b ? b.closest('.msg').dataset.id : null;
    }})()"""


def button_in_bubble(prefix: str, contains: str) -> str:
    """JS: the callback data of the newest button starting with `prefix` under a bot
    message whose text contains `contains` (or null)."""
    return f"""(() => {{
        const msgs = [...document.querySelectorAll('#messages .msg.in')]
            .filter(m => m.textContent.includes({json.dumps(contains)}));
        for (const m of msgs.reverse()) {{
            const b = m.querySelector(`button.kb[data-data^={json.dumps(prefix)}]`);
            if (b) return b.dataset.data;
        }}
        return null;
    }})()"""


# What sticks out: the document wider than the screen, any visible element past its right
# edge, any inline button not wholly on screen (scrolled to, inside the message list, its
# label not cut), and the composer's buttons.
LAYOUT = """(() => {
    const W = window.innerWidth, H = window.innerHeight;
    const visible = (n) => {
        const r = n.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && getComputedStyle(n).visibility !== 'hidden';
    };
    const name = (n) => n.id ? '#' + n.id : n.tagName.toLowerCase() + '.' + n.className;
    const wide = [...document.querySelectorAll('body *')]
        .filter(n => visible(n) && n.getBoundingClientRect().right > W + 0.5).map(name);
    const list = document.getElementById('messages').getBoundingClientRect();
    const cut = [];
    const buttons = [...document.querySelectorAll('#messages .kb')];
    for (const b of buttons) {
        b.scrollIntoView({block: 'nearest'});
        const r = b.getBoundingClientRect();
        const onScreen = r.left >= 0 && r.right <= W && r.top >= 0 && r.bottom <= H;
        const inList = r.top >= list.top - 0.5 && r.bottom <= list.bottom + 0.5;
        const whole = b.scrollWidth <= b.clientWidth + 1 && b.scrollHeight <= b.clientHeight + 1;
        if (!(visible(b) && onScreen && inList && whole)) cut.push(b.textContent);
    }
    const controls = ['send', 'filebtn', 'menubtn', 'input']
        .map(id => document.getElementById(id))
        .filter(n => { const r = n.getBoundingClientRect();
            return !(visible(n) && r.left >= 0 && r.right <= W && r.bottom <= H); })
        .map(name);
    document.getElementById('messages').scrollTop = 1e9;
    return {
        width: W, documentWidth: document.documentElement.scrollWidth,
        bodyWidth: document.body.scrollWidth, wide, buttons: buttons.length, cut, controls,
    };
})()"""


def assert_fits(layout: dict) -> None:
    """Nothing wider than the screen, every inline button and control wholly visible."""
    assert layout["documentWidth"] <= layout["width"], layout
    assert layout["bodyWidth"] <= layout["width"], layout
    assert layout["wide"] == [], layout
    assert layout["cut"] == [], layout
    assert layout["controls"] == [], layout
