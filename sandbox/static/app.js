// The sandbox chat page: a small Telegram-like client for the Bot API emulator.
// Text rendering lives in render.js; this file keeps the state, the live event stream, the
// composer, the drawer (phones) and the page's own words in the persona's language.
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);
  const { el, messageNode, daySeparator, dayKey } = window.SandboxRender;
  const COLORS = ["#e17076", "#7bc862", "#65aadd", "#a695e7", "#ee7aae", "#6ec9cb", "#faa774"];
  const LOCALES = { en: "en-GB", ru: "ru-RU", nl: "nl-NL", hu: "hu-HU" };
  const PHONE = window.matchMedia("(max-width: 760px)"); // the same width as style.css

  const S = {
    bot: null,
    personas: [],
    team: null,
    commands: {},
    labels: {},
    limits: { text: 4096, upload_mb: 5 },
    me: null,
    chatId: null,
    chats: new Map(), // chat id -> Map(message id -> record)
    unread: new Map(), // chat id -> bot messages that arrived while that chat was not open
    synced: false, // false while the stream replays history (history is not unread)
    pending: new Map(), // callback query id -> button element
    answers: new Map(), // callback query id -> answer (may arrive before the press returns)
    clockMs: 0,
    clockAt: 0,
    instance: null,
    jumped: null, // the last fast-forward's answer, told again in a new language
  };

  // -- words -------------------------------------------------------------------------

  const lang = () => (S.me && S.labels[S.me.language] ? S.me.language : "en");
  const locale = () => LOCALES[lang()] || "en-GB";

  function L(key, params = {}) {
    const text = (S.labels[lang()] || {})[key] ?? (S.labels.en || {})[key] ?? key;
    return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? params[name] : whole));
  }

  function applyLabels() {
    document.documentElement.lang = lang();
    document.title = `${L("brand")}: ${L("tag")}`;
    $("status").title = L("live");
    for (const node of document.querySelectorAll("[data-label]")) {
      node.textContent = L(node.dataset.label);
    }
    $("menubtn").title = L("commands");
    $("menubtn").setAttribute("aria-label", L("commands"));
    $("filebtn").title = L("attach");
    $("filebtn").setAttribute("aria-label", L("attach"));
    $("drawerbtn").title = L("open_chats");
    $("drawerbtn").setAttribute("aria-label", L("open_chats"));
    renderClockNote();
    $("input").placeholder = PHONE.matches ? L("placeholder_short") : L("placeholder", { name: S.me.name });
    composer.checkLength();
  }

  // The textarea, the paperclip and the "/" menu (composer.js).
  const composer = window.SandboxComposer({
    send: (text) => send(text),
    upload: (file) => post("/api/upload", {
      user: S.me.id, chat_id: S.chatId, name: file.name, mime: file.type, base64: file.base64,
    }),
    word: L,
    locale,
    limits: () => S.limits,
    commands: () => S.commands[S.me.language] || S.commands.en || [],
    toast: (text) => toast(text),
  });

  // -- server ------------------------------------------------------------------------

  async function post(path, body) {
    const response = await fetch(path, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    const data = await response.json().catch(() => ({ ok: false, error: response.statusText }));
    if (!data.ok) throw new Error(data.error || response.statusText);
    return data.result;
  }

  // -- messages ----------------------------------------------------------------------------

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
    } else if (isNew && S.synced && record.from.bot && !record.deleted) {
      S.unread.set(record.chat_id, (S.unread.get(record.chat_id) || 0) + 1);
      renderSidebar();
    }
  }

  function place(record, isNew) {
    const box = $("messages");
    const old = box.querySelector(`.msg[data-id="${record.message_id}"]`);
    const messages = box.querySelectorAll(".msg");
    const last = messages[messages.length - 1];
    const atEnd = !last || Number(last.dataset.id) < record.message_id;
    if (record.deleted || (!old && !atEnd)) {
      renderChat(false); // separators around a gap or an insertion: draw the chat again
      return;
    }
    const empty = box.querySelector(".empty");
    if (empty) empty.remove();
    const nearBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 120;
    const node = messageNode(record);
    if (old) {
      old.replaceWith(node);
    } else {
      if (!last || last.dataset.day !== node.dataset.day) box.append(daySeparator(record.date));
      box.append(node);
    }
    if (nearBottom || (isNew && !record.from.bot)) box.scrollTop = box.scrollHeight;
  }

  function renderChat(toBottom = true) {
    const box = $("messages");
    const scroll = box.scrollTop;
    box.replaceChildren();
    const records = [...chatMessages(S.chatId).values()]
      .filter((record) => !record.deleted)
      .sort((a, b) => a.message_id - b.message_id);
    if (!records.length) box.append(el("div", "empty", L(S.chatId > 0 ? "empty_private" : "empty_team")));
    let day = null;
    for (const record of records) {
      const node = messageNode(record);
      if (node.dataset.day !== day) box.append(daySeparator(record.date));
      day = node.dataset.day;
      box.append(node);
    }
    box.scrollTop = toBottom ? box.scrollHeight : scroll;
    const group = S.chatId < 0;
    $("chattitle").textContent = group ? S.team.title : S.bot.name;
    // On a phone the persona list hides in the drawer: the header says who is typing.
    $("chatsub").textContent = [
      group ? L("members", { count: S.personas.length }) : `@${S.bot.username} · ${L("bot")}`,
      L("acting_as", { name: S.me.name }),
    ].join(" · ");
    const avatar = $("chatavatar");
    avatar.textContent = group ? "T" : "B";
    avatar.style.background = group ? "#65aadd" : "#7bc862";
    S.unread.delete(S.chatId);
    renderSidebar();
  }

  // -- sidebar (a drawer on phones) -------------------------------------------------------------

  function item(title, sub, color, letter, active, unread, onClick) {
    const b = el("button", `item${active ? " active" : ""}`);
    b.type = "button";
    const avatar = el("div", "avatar", letter);
    avatar.style.background = color;
    const text = el("div", "grow");
    text.append(el("div", "name", title), el("div", "sub", sub));
    b.append(avatar, text);
    if (unread) b.append(el("span", "badge", String(unread)));
    b.addEventListener("click", () => {
      closeDrawer();
      onClick();
    });
    return b;
  }

  function renderSidebar() {
    const personas = $("personas");
    personas.replaceChildren();
    S.personas.forEach((p, index) => {
      const sub = `${L(`role_${p.role}`)} · ${p.language.toUpperCase()} · ${p.timezone}`;
      const node = item(p.name, sub, COLORS[index % COLORS.length], p.name.slice(0, 1),
        p.id === S.me.id, p.id === S.me.id ? 0 : S.unread.get(p.id), () => choosePersona(p.id));
      node.dataset.persona = String(p.id);
      personas.append(node);
    });
    const chats = $("chats");
    chats.replaceChildren();
    const bot = item(S.bot.name, L("private_chat"), "#7bc862", "B", S.chatId === S.me.id,
      S.unread.get(S.me.id), () => openChat(S.me.id));
    bot.dataset.chat = "private";
    const team = item(S.team.title, L("team_group"), "#65aadd", "T", S.chatId === S.team.id,
      S.unread.get(S.team.id), () => openChat(S.team.id));
    team.dataset.chat = "team";
    chats.append(bot, team);
    let total = 0;
    for (const count of S.unread.values()) total += count;
    const badge = $("drawerbadge");
    badge.textContent = String(total);
    badge.hidden = !total;
  }

  function openDrawer() {
    document.body.classList.add("drawer-open");
    $("backdrop").hidden = false;
    $("drawerbtn").setAttribute("aria-expanded", "true");
  }

  function closeDrawer() {
    document.body.classList.remove("drawer-open");
    $("backdrop").hidden = true;
    $("drawerbtn").setAttribute("aria-expanded", "false");
  }

  function choosePersona(id) {
    S.me = S.personas.find((p) => p.id === id) || S.personas[0];
    localStorage.setItem("sandbox.persona", String(S.me.id));
    applyLabels();
    openChat(S.chatId && S.chatId < 0 ? S.chatId : S.me.id);
    renderClock();
  }

  function openChat(chatId) {
    S.chatId = chatId;
    composer.closeMenu();
    renderChat();
    if (!PHONE.matches) $("input").focus(); // a phone would pop its keyboard up
  }

  // /settings changed a persona's language or zone: the page follows.
  function personasChanged(personas) {
    S.personas = personas;
    S.me = S.personas.find((p) => p.id === S.me.id) || S.personas[0];
    applyLabels();
    renderChat(false);
    renderClock();
    composer.refreshMenu();
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
    clock.textContent = `${new Intl.DateTimeFormat(locale(), options).format(new Date(now))} (${S.me.timezone})`;
    clock.dataset.ms = String(Math.floor(now));
  }

  function duration(seconds) {
    const days = Math.floor(seconds / 86400);
    const hours = Math.floor((seconds % 86400) / 3600);
    const minutes = Math.round((seconds % 3600) / 60);
    return [
      days && `${days} ${L("unit_day")}`,
      hours && `${hours} ${L("unit_hour")}`,
      minutes && `${minutes} ${L("unit_minute")}`,
    ].filter(Boolean).join(" ") || `${seconds} ${L("unit_second")}`;
  }

  function renderClockNote() {
    const result = S.jumped;
    if (!result) return;
    $("clocknote").textContent = result.moved
      ? L("moved", { span: duration(result.moved) })
      : (result.note_key ? L(result.note_key) : result.note || "");
  }

  async function jump(what) {
    try {
      const result = await post("/api/clock", { jump: what });
      setClock(result);
      S.jumped = result;
      renderClockNote();
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
        S.synced = false;
        delete document.body.dataset.synced;
        renderChat();
      }
      S.instance = instance;
    });
    events.addEventListener("msg", (e) => upsert(JSON.parse(e.data)));
    events.addEventListener("synced", () => {
      S.synced = true;
      document.body.dataset.synced = "1";
    });
    events.addEventListener("answer", (e) => answered(JSON.parse(e.data)));
    events.addEventListener("clock", (e) => setClock(JSON.parse(e.data)));
    events.addEventListener("personas", (e) => personasChanged(JSON.parse(e.data).personas));
  }

  function wire() {
    window.SandboxRender.configure({
      zone: () => S.me.timezone,
      locale,
      me: () => S.me.id,
      group: () => S.chatId < 0,
      word: L,
      press,
      command: send,
    });
    $("drawerbtn").addEventListener("click", () => (
      document.body.classList.contains("drawer-open") ? closeDrawer() : openDrawer()));
    $("backdrop").addEventListener("click", closeDrawer);
    document.addEventListener("keydown", (event) => {
      if (event.key !== "Escape") return;
      closeDrawer();
      composer.closeMenu();
    });
    composer.wire();
    PHONE.addEventListener("change", applyLabels);
    $("alertok").addEventListener("click", () => { $("alert").hidden = true; });
    for (const button of document.querySelectorAll("[data-jump]")) {
      button.addEventListener("click", () => jump(button.dataset.jump));
    }
  }

  async function start() {
    const state = await (await fetch("/api/state")).json();
    Object.assign(S, {
      bot: state.bot, personas: state.personas, team: state.team, commands: state.commands,
      labels: state.labels, limits: state.limits,
    });
    setClock(state.clock);
    const wanted = Number(new URLSearchParams(location.search).get("as"))
      || Number(localStorage.getItem("sandbox.persona"));
    S.me = S.personas.find((p) => p.id === wanted) || S.personas[0];
    S.chatId = S.me.id;
    wire();
    applyLabels();
    renderChat();
    renderClock();
    connect();
    setInterval(renderClock, 1000);
    document.body.dataset.ready = "1";
  }

  start().catch((error) => toast(L("cannot_load", { error: error.message })));
})();
