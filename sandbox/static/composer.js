// The sandbox page's composer: a textarea where Enter sends and Shift+Enter starts a new
// line, a warning past Telegram's 4,096 characters instead of a silent cut, the paperclip
// that sends a file (so /import works), and the "/" command menu in the persona's language.
"use strict";

window.SandboxComposer = (page) => {
  // page: send(text) -> Promise<bool>, upload({name, type, base64}), word(key, params),
  // locale(), limits() -> {text, upload_mb}, commands() -> [{command, description}], toast.
  const $ = (id) => document.getElementById(id);
  const { el } = window.SandboxRender;

  // Characters as the server counts them (code points), after trimming like it does.
  const length = (text) => [...text.trim()].length;

  function checkLength() {
    const count = length($("input").value);
    const max = page.limits().text;
    const warn = $("warn");
    const over = count > max;
    warn.textContent = over
      ? page.word("too_long", {
        count: count.toLocaleString(page.locale()), max: max.toLocaleString(page.locale()),
      })
      : "";
    warn.hidden = !over;
    $("send").disabled = over;
    return !over;
  }

  function autosize() {
    const input = $("input");
    input.style.height = "auto";
    input.style.height = `${Math.min(input.scrollHeight, 180)}px`;
  }

  async function submit() {
    const input = $("input");
    const text = input.value.trim();
    if (!text || !checkLength()) return;
    input.value = "";
    autosize();
    closeMenu();
    if (!(await page.send(text))) {
      input.value = text;
      autosize();
    }
  }

  function readAsBase64(file) {
    return new Promise((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result).split(",", 2)[1] || "");
      reader.onerror = () => reject(reader.error);
      reader.readAsDataURL(file);
    });
  }

  async function sendFile(file) {
    const limit = page.limits().upload_mb;
    if (file.size > limit * 1024 * 1024) {
      page.toast(page.word("file_too_big", { max: limit }));
      return;
    }
    try {
      await page.upload({ name: file.name, type: file.type, base64: await readAsBase64(file) });
    } catch (error) {
      page.toast(error.message);
    }
  }

  // -- the "/" menu ------------------------------------------------------------------------

  function closeMenu() { $("menu").hidden = true; }

  function menuPrefix() {
    const value = $("input").value;
    return value.startsWith("/") && !/\s/.test(value) ? value : "";
  }

  function showMenu(prefix) {
    const menu = $("menu");
    menu.replaceChildren();
    for (const command of page.commands()) {
      if (prefix && !`/${command.command}`.startsWith(prefix)) continue;
      const b = el("button");
      b.type = "button";
      b.dataset.command = command.command;
      b.append(el("span", "cmd", `/${command.command}`), el("span", "desc", command.description));
      b.addEventListener("click", () => {
        closeMenu();
        $("input").value = "";
        autosize();
        page.send(`/${command.command}`);
      });
      menu.append(b);
    }
    menu.hidden = !menu.children.length;
  }

  // The persona's language changed: an open menu is shown again in the new one.
  function refreshMenu() {
    if (!$("menu").hidden) showMenu(menuPrefix());
  }

  function wire() {
    const input = $("input");
    $("composer").addEventListener("submit", (event) => {
      event.preventDefault();
      submit();
    });
    // Enter sends, Shift+Enter starts a new line (for /log's outcome: and next: lines).
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        submit();
      }
    });
    input.addEventListener("input", () => {
      autosize();
      checkLength();
      const prefix = menuPrefix();
      if (prefix) showMenu(prefix);
      else closeMenu();
    });
    $("menubtn").addEventListener("click", () => ($("menu").hidden ? showMenu("") : closeMenu()));
    $("filebtn").addEventListener("click", () => $("file").click());
    $("file").addEventListener("change", async (event) => {
      const [file] = event.target.files;
      event.target.value = "";
      if (file) await sendFile(file);
    });
  }

  return { wire, checkLength, closeMenu, refreshMenu };
};
