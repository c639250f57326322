// Messages -> DOM for the sandbox page: bubbles, files, inline keyboards, day separators.
// Every piece of text from the bot or a user becomes text nodes built from Telegram's
// entities (bold, links, spoilers...); nothing is ever assigned to innerHTML.
"use strict";

window.SandboxRender = (() => {
  const SAFE_URL = /^(https?:|tg:|mailto:)/i;

  const el = (tag, cls, text) => {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  };

  // What the page tells us: the persona's zone, locale and id, whether a group is shown,
  // its words, and what a button press and a click on a /command link do.
  let view = {
    zone: () => "UTC",
    locale: () => "en-GB",
    me: () => 0,
    group: () => false,
    word: (key) => key,
    press: () => {},
    command: () => {},
  };

  function renderText(text, entities, commands) {
    const sorted = (entities || [])
      .filter((e) => e.length > 0)
      .slice()
      .sort((a, b) => a.offset - b.offset || b.length - a.length);
    return build(text, sorted, 0, text.length, commands);
  }

  // Offsets are UTF-16 code units, exactly what JavaScript strings index by.
  function build(text, entities, start, end, commands = true) {
    const fragment = document.createDocumentFragment();
    const plain = (from, to) => appendPlain(fragment, text.slice(from, to), commands);
    let pos = start;
    let i = 0;
    while (i < entities.length) {
      const entity = entities[i];
      if (entity.offset < pos) {
        i += 1; // overlaps the previous one: Telegram HTML never produces this
        continue;
      }
      const stop = Math.min(entity.offset + entity.length, end);
      if (entity.offset > pos) plain(pos, entity.offset);
      const inner = [];
      let j = i + 1;
      while (j < entities.length && entities[j].offset < stop) {
        if (entities[j].offset + entities[j].length <= stop) inner.push(entities[j]);
        j += 1;
      }
      const node = entityNode(entity, text.slice(entity.offset, stop));
      const code = entity.type === "code" || entity.type === "pre";
      node.append(build(text, inner, entity.offset, stop, commands && !code));
      fragment.append(node);
      pos = stop;
      i = j;
    }
    if (pos < end) plain(pos, end);
    return fragment;
  }

  // Like Telegram's apps: a /command in the bot's text is a link that sends it.
  const COMMAND = /(^|[\s(“"])(\/[a-z0-9_]{1,32})(?![\w/])/gi;
  function appendPlain(fragment, text, commands) {
    if (!commands) {
      fragment.append(text);
      return;
    }
    let pos = 0;
    for (const match of text.matchAll(COMMAND)) {
      const at = match.index + match[1].length;
      fragment.append(text.slice(pos, at));
      const command = match[2];
      const a = el("a", "cmdlink", command);
      a.href = "#";
      a.dataset.command = command;
      a.addEventListener("click", (event) => {
        event.preventDefault();
        view.command(command);
      });
      fragment.append(a);
      pos = at + command.length;
    }
    fragment.append(text.slice(pos));
  }

  function link(href) {
    if (!SAFE_URL.test(href)) return el("span", "link");
    const a = el("a");
    a.href = href;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    return a;
  }

  function entityNode(entity, covered) {
    switch (entity.type) {
      case "bold": return el("b");
      case "italic": return el("i");
      case "underline": return el("u");
      case "strikethrough": return el("s");
      case "code": return el("code");
      case "pre": return el("pre");
      case "blockquote":
      case "expandable_blockquote": return el("blockquote");
      case "text_link": return link(entity.url || "");
      case "url": return link(/^[a-z]+:/i.test(covered) ? covered : `https://${covered}`);
      case "email": return link(`mailto:${covered}`);
      case "spoiler": {
        const span = el("span", "spoiler");
        span.addEventListener("click", () => span.classList.add("shown"));
        return span;
      }
      default: return el("span", entity.type);
    }
  }

  function sizeText(bytes) {
    if (bytes < 1024) return `${bytes} B`;
    if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
    return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  }

  function fileNode(record) {
    const file = record.file;
    const ext = (file.name.split(".").pop() || "file").slice(0, 4).toUpperCase();
    if (!file.url) {
      const box = el("div", "doc");
      box.append(el("div", "icon", ext), el("div", "name", file.name));
      return box;
    }
    if (record.kind === "photo") {
      const a = link(file.url.startsWith("/") ? new URL(file.url, location.href).href : "");
      const img = el("img", "photo");
      img.src = file.url;
      img.alt = file.name;
      a.append(img);
      return a;
    }
    const a = el("a", "doc");
    a.href = file.url;
    a.download = file.name;
    const info = el("div");
    info.append(el("div", "name", file.name), el("div", "size", sizeText(file.size)));
    a.append(el("div", "icon", ext), info);
    return a;
  }

  // -- messages ---------------------------------------------------------------------------

  function timeText(seconds) {
    const options = { hour: "2-digit", minute: "2-digit", timeZone: view.zone() };
    return new Intl.DateTimeFormat(view.locale(), options).format(new Date(seconds * 1000));
  }

  // The persona's calendar day of a moment, as YYYY-MM-DD.
  function dayKey(seconds) {
    const options = { year: "numeric", month: "2-digit", day: "2-digit", timeZone: view.zone() };
    return new Intl.DateTimeFormat("en-CA", options).format(new Date(seconds * 1000));
  }

  function dayText(seconds) {
    const options = {
      weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: view.zone(),
    };
    return new Intl.DateTimeFormat(view.locale(), options).format(new Date(seconds * 1000));
  }

  function daySeparator(seconds) {
    const node = el("div", "day", dayText(seconds));
    node.dataset.day = dayKey(seconds);
    return node;
  }

  function keyboardNode(record) {
    const board = el("div", "keyboard");
    for (const row of record.buttons) {
      const line = el("div", "kbrow");
      for (const button of row) {
        if (button.data !== undefined) {
          const b = el("button", "kb", button.text);
          b.type = "button";
          b.dataset.data = button.data;
          b.addEventListener("click", () => view.press(record, button.data, b));
          line.append(b);
        } else {
          const a = link(button.url || "");
          a.className = "kb";
          a.textContent = `${button.text} ↗`;
          line.append(a);
        }
      }
      board.append(line);
    }
    return board;
  }

  function messageNode(record) {
    const own = !record.from.bot && record.from.id === view.me();
    const wrap = el("div", `msg ${own ? "out" : "in"}`);
    wrap.dataset.id = String(record.message_id);
    wrap.dataset.day = dayKey(record.date);
    if (record.buttons.length) wrap.classList.add("wide");
    const bubble = el("div", "bubble");
    if (view.group() && !own) bubble.append(el("div", "author", record.from.name));
    if (record.file) bubble.append(fileNode(record));
    if (record.text) bubble.append(renderText(record.text, record.entities, record.from.bot));
    const edited = record.edited ? `${view.word("edited")} ` : "";
    const meta = el("span", "meta", edited + timeText(record.date));
    bubble.append(meta);
    wrap.append(bubble);
    if (record.buttons.length) wrap.append(keyboardNode(record));
    return wrap;
  }

  return {
    el, messageNode, daySeparator, dayKey,
    configure: (options) => { view = { ...view, ...options }; },
  };
})();
