// The sandbox chat page: a small Telegram-like client for the Bot API emulator.
// Every piece of text from the bot or a user becomes DOM text nodes built from Telegram's
// entities (bold, links, spoilers...); nothing is ever assigned to innerHTML.
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);
  const el = (tag, cls, text) => {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  };
  const COLORS = ["#e17076", "#7bc862", "#65aadd", "#a695e7", "#ee7aae", "#6ec9cb", "#faa774"];
  const SAFE_URL = /^(https?:|tg:|mailto:)/i;

  const S = {
    bot: null,
    personas: [],
    team: null,
    commands: {},
    me: null,
    chatId: null,
    chats: new Map(), // chat id -> Map(message id -> record)
    unread: new Map(), // chat id -> count of bot messages not seen yet
    pending: new Map(), // callback query id -> button element
    answers: new Map(), // callback query id -> answer (may arrive before the press returns)
    clockMs: 0,
    clockAt: 0,
    instance: null,
  };

  // -- server ------------------------------------------------------------------------

  async function post(path, body) {
    const response = await fetch(path, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    const data = await response.json();
    if (!data.ok) throw new Error(data.error || response.statusText);
    return data.result;
  }

  // -- Telegram entities -> DOM ----------------------------------------------------------

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
        send(command);
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

  // -- messages ----------------------------------------------------------------------------

  function timeText(seconds) {
    const options = { hour: "2-digit", minute: "2-digit", timeZone: S.me.timezone };
    return new Intl.DateTimeFormat("en-GB", options).format(new Date(seconds * 1000));
  }

  function sizeText(bytes) {
    if (bytes < 1024) return `${bytes} B`;
    if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
    return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  }

  function fileNode(record) {
    const file = record.file;
    if (!file.url) return el("div", "doc", `[file] ${file.name}`);
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
    const ext = (file.name.split(".").pop() || "file").slice(0, 4).toUpperCase();
    const info = el("div");
    info.append(el("div", "name", file.name), el("div", "size", sizeText(file.size)));
    a.append(el("div", "icon", ext), info);
    return a;
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
          b.addEventListener("click", () => press(record, button.data, b));
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
    const own = !record.from.bot && record.from.id === S.me.id;
    const wrap = el("div", `msg ${own ? "out" : "in"}`);
    wrap.dataset.id = String(record.message_id);
    const bubble = el("div", "bubble");
    if (S.chatId < 0 && !own) bubble.append(el("div", "author", record.from.name));
    if (record.file) bubble.append(fileNode(record));
    if (record.text) bubble.append(renderText(record.text, record.entities, record.from.bot));
    const meta = el("span", "meta", (record.edited ? "edited " : "") + timeText(record.date));
    bubble.append(meta);
    wrap.append(bubble);
    if (record.buttons.length) wrap.append(keyboardNode(record));
    return wrap;
  }

  function chatMessages(chatId) {
    let chat = S.chats.get(chatId);
    if (!chat) S.chats.set(chatId, (chat = new Map()));
    return chat;
  }

  function upsert(record) {
    const chat = chatMessages(record.chat_id);
    const isNew = !chat.has(record.message_id);
    chat.set(record.message_id, record);
    if (record.chat_id === S.chatId) {
      place(record, isNew);
    } else if (isNew && record.from.bot) {
      S.unread.set(record.chat_id, (S.unread.get(record.chat_id) || 0) + 1);
      renderSidebar();
    }
  }

  function place(record, isNew) {
    const box = $("messages");
    const empty = box.querySelector(".empty");
    if (empty) empty.remove();
    const nearBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 120;
    const old = box.querySelector(`.msg[data-id="${record.message_id}"]`);
    if (record.deleted) {
      if (old) old.remove();
      return;
    }
    const node = messageNode(record);
    if (old) {
      old.replaceWith(node);
    } else {
      let before = null;
      for (const child of box.children) {
        if (Number(child.dataset.id) > record.message_id) {
          before = child;
          break;
        }
      }
      box.insertBefore(node, before);
    }
    if (nearBottom || (isNew && !record.from.bot)) box.scrollTop = box.scrollHeight;
  }

  function renderChat() {
    const box = $("messages");
    box.replaceChildren();
    const records = [...chatMessages(S.chatId).values()]
      .filter((record) => !record.deleted)
      .sort((a, b) => a.message_id - b.message_id);
    if (!records.length) {
      box.append(el("div", "empty", S.chatId > 0
        ? "Say /start or /help to begin, or press / for the command menu."
        : "The team group: the bot posts handoffs and reminders for absent colleagues here."));
    }
    for (const record of records) box.append(messageNode(record));
    box.scrollTop = box.scrollHeight;
    const group = S.chatId < 0;
    $("chattitle").textContent = group ? S.team.title : S.bot.name;
    $("chatsub").textContent = group ? `${S.personas.length} members and the bot` : `@${S.bot.username} · bot`;
    const avatar = $("chatavatar");
    avatar.textContent = group ? "T" : "B";
    avatar.style.background = group ? "#65aadd" : "#7bc862";
    $("input").placeholder = `Write a message as ${S.me.name}…`;
    S.unread.delete(S.chatId);
    renderSidebar();
  }

  // -- sidebar -------------------------------------------------------------------------------

  function item(title, sub, color, letter, active, unread, onClick) {
    const b = el("button", `item${active ? " active" : ""}`);
    b.type = "button";
    const avatar = el("div", "avatar", letter);
    avatar.style.background = color;
    const text = el("div", "grow");
    text.append(el("div", "name", title), el("div", "sub", sub));
    b.append(avatar, text);
    if (unread) b.append(el("span", "badge", String(unread)));
    b.addEventListener("click", onClick);
    return b;
  }

  function renderSidebar() {
    const personas = $("personas");
    personas.replaceChildren();
    S.personas.forEach((p, index) => {
      const node = item(p.name, `${p.role} · ${p.language.toUpperCase()} · ${p.timezone}`,
        COLORS[index % COLORS.length], p.name.slice(0, 1), p.id === S.me.id,
        p.id === S.me.id ? 0 : S.unread.get(p.id), () => choosePersona(p.id));
      node.dataset.persona = String(p.id);
      personas.append(node);
    });
    const chats = $("chats");
    chats.replaceChildren();
    const bot = item(S.bot.name, "private chat", "#7bc862", "B", S.chatId === S.me.id,
      S.unread.get(S.me.id), () => openChat(S.me.id));
    bot.dataset.chat = "private";
    const team = item(S.team.title, "team group", "#65aadd", "T", S.chatId === S.team.id,
      S.unread.get(S.team.id), () => openChat(S.team.id));
    team.dataset.chat = "team";
    chats.append(bot, team);
  }

  function choosePersona(id) {
    S.me = S.personas.find((p) => p.id === id) || S.personas[0];
    localStorage.setItem("sandbox.persona", String(S.me.id));
    openChat(S.chatId && S.chatId < 0 ? S.chatId : S.me.id);
    renderClock();
  }

  function openChat(chatId) {
    S.chatId = chatId;
    closeMenu();
    renderChat();
    $("input").focus();
  }

  // -- acting ----------------------------------------------------------------------------------

  async function send(text) {
    try {
      await post("/api/send", { user: S.me.id, chat_id: S.chatId, text });
      return true;
    } catch (error) {
      toast(error.message);
      return false;
    }
  }

  async function press(record, data, button) {
    button.classList.add("loading");
    try {
      const result = await post("/api/press", {
        user: S.me.id, chat_id: record.chat_id, message_id: record.message_id, data,
      });
      S.pending.set(result.query_id, button);
      const early = S.answers.get(result.query_id);
      if (early) answered(early);
    } catch (error) {
      button.classList.remove("loading");
      toast(error.message);
    }
  }

  function answered(answer) {
    S.answers.set(answer.query_id, answer);
    const button = S.pending.get(answer.query_id);
    if (!button) return; // pressed elsewhere, or the press has not returned yet
    S.pending.delete(answer.query_id);
    button.classList.remove("loading");
    if (answer.show_alert && answer.text) showAlert(answer.text);
    else if (answer.text) toast(answer.text);
  }

  let toastTimer = null;
  function toast(text) {
    const box = $("toast");
    box.textContent = text;
    box.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => { box.hidden = true; }, 3500);
  }

  function showAlert(text) {
    $("alerttext").textContent = text;
    $("alert").hidden = false;
    $("alertok").focus();
  }

  // -- command menu ------------------------------------------------------------------------------

  function closeMenu() { $("menu").hidden = true; }

  function showMenu(prefix) {
    const commands = S.commands[S.me.language] || S.commands.en || [];
    const menu = $("menu");
    menu.replaceChildren();
    for (const command of commands) {
      if (prefix && !`/${command.command}`.startsWith(prefix)) continue;
      const b = el("button");
      b.type = "button";
      b.append(el("span", "cmd", `/${command.command}`), el("span", "", command.description));
      b.addEventListener("click", () => {
        closeMenu();
        $("input").value = "";
        send(`/${command.command}`);
      });
      menu.append(b);
    }
    menu.hidden = !menu.children.length;
  }

  // -- clock -------------------------------------------------------------------------------------

  function setClock(clock) {
    S.clockMs = clock.now_ms;
    S.clockAt = performance.now();
    renderClock();
  }

  function renderClock() {
    if (!S.me || !S.clockAt) return;
    const now = S.clockMs + (performance.now() - S.clockAt);
    const options = {
      weekday: "short", day: "numeric", month: "short", year: "numeric",
      hour: "2-digit", minute: "2-digit", second: "2-digit", timeZone: S.me.timezone,
    };
    const clock = $("clock");
    clock.textContent = `${new Intl.DateTimeFormat("en-GB", options).format(new Date(now))} (${S.me.timezone})`;
    clock.dataset.ms = String(Math.floor(now));
  }

  function duration(seconds) {
    const days = Math.floor(seconds / 86400);
    const hours = Math.floor((seconds % 86400) / 3600);
    const minutes = Math.round((seconds % 3600) / 60);
    return [days && `${days} d`, hours && `${hours} h`, minutes && `${minutes} min`]
      .filter(Boolean).join(" ") || `${seconds} s`;
  }

  async function jump(what) {
    try {
      const result = await post("/api/clock", { jump: what });
      setClock(result);
      $("clocknote").textContent = result.moved
        ? `Moved ${duration(result.moved)} forward.` : (result.note || "");
    } catch (error) {
      toast(error.message);
    }
  }

  // -- start -------------------------------------------------------------------------------------

  function connect() {
    const events = new EventSource("/api/events");
    events.onopen = () => $("status").classList.add("live");
    events.onerror = () => $("status").classList.remove("live"); // it reconnects by itself
    events.addEventListener("hello", (e) => {
      const { instance } = JSON.parse(e.data);
      if (S.instance && S.instance !== instance) {
        // The sandbox restarted: its chats start afresh, drop what this page remembers.
        S.chats.clear();
        S.unread.clear();
        renderChat();
      }
      S.instance = instance;
    });
    events.addEventListener("msg", (e) => upsert(JSON.parse(e.data)));
    events.addEventListener("answer", (e) => answered(JSON.parse(e.data)));
    events.addEventListener("clock", (e) => setClock(JSON.parse(e.data)));
  }

  async function start() {
    const state = await (await fetch("/api/state")).json();
    Object.assign(S, {
      bot: state.bot, personas: state.personas, team: state.team, commands: state.commands,
    });
    setClock(state.clock);
    const wanted = Number(new URLSearchParams(location.search).get("as"))
      || Number(localStorage.getItem("sandbox.persona"));
    S.me = S.personas.find((p) => p.id === wanted) || S.personas[0];
    S.chatId = S.me.id;
    renderChat();
    renderClock();
    connect();
    setInterval(renderClock, 1000);

    $("composer").addEventListener("submit", async (event) => {
      event.preventDefault();
      const input = $("input");
      const text = input.value.trim();
      if (!text) return;
      input.value = "";
      closeMenu();
      if (!(await send(text))) input.value = text;
    });
    $("input").addEventListener("input", (event) => {
      const value = event.target.value;
      if (value.startsWith("/") && !value.includes(" ")) showMenu(value);
      else closeMenu();
    });
    $("menubtn").addEventListener("click", () => ($("menu").hidden ? showMenu("") : closeMenu()));
    $("alertok").addEventListener("click", () => { $("alert").hidden = true; });
    for (const button of document.querySelectorAll("[data-jump]")) {
      button.addEventListener("click", () => jump(button.dataset.jump));
    }
    document.body.dataset.ready = "1";
  }

  start().catch((error) => toast(`Cannot load the sandbox: ${error.message}`));
})();
