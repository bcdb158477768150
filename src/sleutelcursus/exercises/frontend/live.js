// Live workshop, the trainee's page (issue 16): "Doe mee met de workshop" in each
// exercise's toolbar, the join form (also opened by a join link, #doe-mee=CODE, but
// never joined without the trainee's click), the bar that says answers are shared,
// and "Stop met delen". Nothing is sent before the trainee joins; the session and
// the sending are livesession.js. The book's start script hands this module to the
// static host (host.js mountAll); pages without exercises call ``start`` themselves.

import { CLEARED_EVENT, NICKNAME_KEY } from "./answerstore.js";
import {
  NOTICE_KEY, SESSION_KEY, call, changed, closedNotice, detail, dismissNotice, flush, forget, join, kv, leaving,
  normaliseCode, page, reachable, register, session, endedElsewhere, shown, watchState,
} from "./livesession.js";

export { changed };

const FRAGMENT = /^#doe-mee=([^&]*)$/;
const NO_SERVER = "Op dit adres draait geen workshopserver. Open de link of het adres dat je trainer geeft.";
// storage.WIPE_GRACE on the server: an hour after the session closed or expired, it is wiped.
const WIPED = "De server van je trainer wist alle gegevens van de workshop vanzelf een uur nadat de workshop is gesloten.";
// Withdrawn now; what else the workshop holds goes with the server's wipe.
const LATER = "De andere gegevens van de workshop wist de server van je trainer een uur nadat de workshop is gesloten.";
const WITHDRAWN = `Je deelt niet meer: je antwoorden zijn nu uit de workshop gehaald. Ze blijven wel in deze browser. Er gaat niets meer naar de trainer. ${LATER}`;
// After "Wis alles van deze cursus" they are not in this browser any more either.
const WITHDRAWN_WIPED = `Je deelt niet meer: je antwoorden zijn nu uit de workshop en uit deze browser gehaald. ${LATER}`;
const GONE = `De workshop is niet bereikbaar, dus je antwoorden konden daar niet worden teruggetrokken. Deze browser stuurt niets meer; vraag je trainer ze te wissen. ${WIPED}`;
const CLOSED = `De workshop is al gesloten, dus je antwoorden staan nog bij je trainer. Deze browser stuurt niets meer; vraag je trainer ze te wissen. ${WIPED}`;

const slots = new Map(); // each exercise's place in its toolbar -> its privacy sentence (or null)
let noticeIds = 0;
let holder = null;
let message = null;
let known = null; // the session as last seen, so a wipe can still withdraw it

function element(tag, props = {}, children = []) {
  const node = Object.assign(document.createElement(tag), props);
  for (const child of children) node.append(child);
  return node;
}

function say(text) {
  if (message) message.textContent = text;
}

// While sharing, the toolbar's sentence "only in this browser" would no longer be true.
function fillNote(note, current) {
  if (!note) return;
  note.dataset.alleen ??= note.textContent;
  const kept = note.dataset.bewaard === "false"
    ? "Deze browser bewaart je antwoorden niet, maar ze gaan wel naar"
    : "Je antwoorden blijven in deze browser bewaard en gaan ook naar";
  note.textContent = current
    ? `${kept} de workshopserver van je trainer (code ${shown(current.code)}). Wil je dat niet meer? Kies "Stop met delen" bovenaan de pagina.`
    : note.dataset.alleen;
}

// Plain text, not a live region: the page's one status line has said it already, and
// a line per exercise would be read out again and again.
function noticeParts(notice) {
  const id = `sc-live-dicht-${++noticeIds}`;
  const what = notice.staat === "verlopen" ? "is voorbij: de tijd is om" : "is gesloten door je trainer";
  const code = notice.code ? ` (code ${shown(notice.code)})` : "";
  const text = element("p", { id, textContent: `De workshop${code} ${what}. `
    + "Er gaat niets meer naar de trainer. Je antwoorden blijven in deze browser." });
  const ok = element("button", { type: "button", className: "sc-secondary", textContent: "Begrepen" });
  ok.setAttribute("aria-describedby", id);
  return [text, ok];
}

function joinButton() {
  const button = element("button", { type: "button", className: "sc-secondary", textContent: "Doe mee met de workshop" });
  button.addEventListener("click", () => openForm(button));
  return button;
}

// Rebuilt only when the session changes, so a focused button is not swapped away
// when another tab merely records what it sent.
function fillSlot(slot, current, notice) {
  const online = /^https?:$/.test(window.location.protocol);
  const state = current ? `${current.code}${reachable() ? "" : " weg"}` : notice && online ? `dicht ${notice.code}` : "";
  fillNote(slots.get(slot), current);
  if (slot.dataset.state === state) return;
  slot.dataset.state = state;
  if (current) {
    const code = shown(current.code);
    slot.replaceChildren(element("p", { textContent: reachable()
      ? `Je antwoorden gaan naar de workshop (code ${code}).`
      : `De workshop (code ${code}) is nu niet bereikbaar. Je antwoorden wachten in deze browser.` }));
  } else if (online) {
    const button = joinButton();
    if (!notice) {
      slot.replaceChildren(button);
      return;
    }
    const [text, ok] = noticeParts(notice);
    ok.addEventListener("click", () => {
      dismissNotice();
      slot.querySelector("button")?.focus(); // the join button that took its place
    });
    slot.replaceChildren(element("div", { className: "sc-live-dicht" }, [text, element("div", {}, [ok, button])]));
  } else {
    slot.replaceChildren(); // a page opened from a file has no workshop server
  }
}

// A page without exercises has no toolbar to say the workshop is closed: its top does.
function fillTop(notice) {
  const old = holder.querySelector(":scope > .sc-live-dicht");
  if (!notice || slots.size) {
    old?.remove();
    return;
  }
  if (old?.dataset.state === notice.code) return;
  const [text, ok] = noticeParts(notice);
  ok.addEventListener("click", () => {
    dismissNotice();
    message.focus();
  });
  const box = element("div", { className: "sc-live-dicht" }, [text, ok]);
  box.dataset.state = notice.code;
  if (old) old.replaceWith(box);
  else message.after(box);
}

function render() {
  const current = session();
  const notice = current ? null : closedNotice();
  known = current;
  slots.forEach((_, slot) => fillSlot(slot, current, notice));
  if (!holder) return;
  fillTop(notice);
  const old = holder.querySelector(".sc-live-bar");
  if (!current) {
    old?.remove();
    return;
  }
  const state = JSON.stringify([current.code, current.nickname]);
  // Only the sentence follows the connection: the bar (and a focused "Stop met delen") stays.
  if (old?.dataset.state === state) {
    old.querySelector("p").replaceChildren(...barSentence(current));
    return;
  }
  const stop = element("button", { type: "button", textContent: "Stop met delen" });
  stop.addEventListener("click", stopSharing);
  const bar = element("section", { className: "sc-live-bar", tabIndex: -1 }, [element("p", {}, barSentence(current)), stop]);
  bar.setAttribute("aria-label", "Workshop");
  bar.dataset.state = state;
  if (old) old.replaceWith(bar);
  else holder.prepend(bar);
}

function barSentence(current) {
  const who = current.nickname ? ["als ", element("strong", { textContent: current.nickname })] : ["zonder bijnaam"];
  const code = element("strong", { textContent: shown(current.code) });
  if (!reachable()) {
    return ["De workshop van je trainer (code ", code, ") is nu niet bereikbaar. Je antwoorden wachten in deze browser ",
      "en gaan mee zodra de verbinding terug is. Je doet mee ", ...who, "."];
  }
  return ["Je antwoorden gaan nu naar de workshop van je trainer (code ", code, ") ", ...who, "."];
}

function joinError(status, text, retryAfter) {
  if (status === 404 && text) return "Er is geen workshop met deze code. Kijk de code na.";
  if (status === 410) return "Deze workshop is gesloten. Vraag je trainer om de code van de nieuwe workshop.";
  if (status === 429) return `Te veel pogingen. Wacht ${retryAfter || "een paar"} seconden en probeer het dan opnieuw.`;
  if (status === 422 && text) return text;
  if (status === 404 || status === 405 || status === 501) return NO_SERVER;
  return `Meedoen lukte niet (foutcode ${status}). Probeer het later opnieuw.`;
}

function field(id, label, input, hint) {
  input.id = id;
  const parts = [element("label", { htmlFor: id, textContent: label })];
  if (hint) {
    parts.push(element("p", { id: `${id}-uitleg`, className: "sc-live-hint", textContent: hint }));
    input.setAttribute("aria-describedby", `${id}-uitleg`);
  }
  return element("div", { className: "sc-live-field" }, [...parts, input]);
}

async function submit(codeInput, nickInput, status) {
  const code = normaliseCode(codeInput.value);
  codeInput.setAttribute("aria-invalid", String(!code));
  if (!code) {
    status.textContent = "Een code heeft 8 letters en cijfers, zoals ABCD-EFGH.";
    codeInput.focus();
    return false;
  }
  status.textContent = "Even geduld, je wordt aangemeld.";
  const nickname = nickInput.value.trim();
  try {
    const response = await call("POST", "deelnemen", { body: { code, bijnaam: nickname || null } });
    if (response.status !== 201) {
      status.textContent = joinError(response.status, await detail(response), response.headers.get("Retry-After"));
      return false;
    }
    const data = await response.json();
    join({ code: normaliseCode(data.sessie) || code, token: data.deelnemer, nickname });
    say("Je doet mee met de workshop.");
    return true;
  } catch (err) {
    status.textContent = NO_SERVER;
    return false;
  }
}

/** The join form, a native modal dialog; ``code`` prefills it (from a join link). */
export function openForm(opener = null, code = "") {
  const open = document.querySelector("dialog.sc-live-form");
  if (open) return open;
  const dialog = element("dialog", { className: "sc-host-confirm sc-live-form" });
  const heading = element("h2", { id: "sc-live-titel", textContent: "Doe mee met de workshop" });
  dialog.setAttribute("aria-labelledby", heading.id);
  const codeInput = element("input", { type: "text", value: code, autocomplete: "off", spellcheck: false });
  codeInput.setAttribute("autocapitalize", "characters");
  const nickInput = element("input", { type: "text", autocomplete: "nickname", maxLength: 40 });
  nickInput.value = known?.nickname || kv.getItem(NICKNAME_KEY) || "";
  const status = element("p", { className: "sc-live-status" });
  status.setAttribute("role", "status");
  const cancel = element("button", { type: "button", className: "sc-secondary", textContent: "Annuleren" });
  cancel.addEventListener("click", () => dialog.close());
  const form = element("form", {}, [
    heading,
    element("p", { textContent: `Als je meedoet, stuurt deze browser je antwoorden op de oefeningen en je bijnaam naar de workshop van je trainer op ${window.location.host}, tot je op "Stop met delen" drukt.` }),
    field("sc-live-code", "Code van de workshop", codeInput, "8 letters en cijfers, bijvoorbeeld ABCD-EFGH"),
    field("sc-live-bijnaam", "Bijnaam (niet verplicht)", nickInput),
    status,
    element("div", { className: "sc-live-knoppen" }, [element("button", { type: "submit", textContent: "Doe mee" }), cancel]),
  ]);
  let busy = false;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (busy) return;
    busy = true;
    if (await submit(codeInput, nickInput, status)) dialog.close();
    busy = false;
  });
  dialog.append(form);
  dialog.addEventListener("close", () => {
    dialog.remove();
    const bar = holder?.querySelector(".sc-live-bar");
    if (session() && bar) bar.focus();
    else if (opener?.isConnected) opener.focus();
  });
  document.body.append(dialog);
  dialog.showModal();
  // From a join link the code is filled in already: the nickname is what is left to type.
  (code ? nickInput : codeInput).focus();
  return dialog;
}

async function withdraw(current, done = WITHDRAWN) {
  try {
    const response = await call("DELETE", "deelnemen", { token: current.token });
    if (response.ok || response.status === 401) return done;
    return response.status === 410 ? CLOSED : GONE;
  } catch (err) {
    return GONE;
  }
}

async function stopSharing() {
  const current = session();
  if (!current) return;
  forget(); // first: from now on nothing goes out, whatever the server says
  say(await withdraw(current));
  message.focus();
}

// "Wis alles van deze cursus" has already emptied the storage: withdraw what we knew of.
async function wiped() {
  const before = known;
  forget();
  if (before) say(await withdraw(before, WITHDRAWN_WIPED));
}

/**
 * Register an exercise of this page; returns the element for its toolbar. ``note`` is
 * the toolbar's sentence on where the answers are kept: it follows the sharing.
 */
export function exercise(id, payload, note = null) {
  register(id, payload);
  const slot = element("div", { className: "sc-live-slot" });
  slots.set(slot, note);
  const current = session();
  fillSlot(slot, current, current ? null : closedNotice());
  return slot;
}

function fromFragment() {
  const match = FRAGMENT.exec(window.location.hash);
  if (!match) return;
  // Off the address at once: a reload or a copied address does not ask again.
  window.history.replaceState(null, "", window.location.pathname + window.location.search);
  let typed = match[1];
  try {
    typed = decodeURIComponent(typed);
  } catch (err) {
    // keep it as it came
  }
  const code = normaliseCode(typed);
  if (code && session()?.code === code) say("Je doet al mee met deze workshop.");
  else openForm(null, code ? shown(code) : "");
}

let started = false;

/** Show the bar when joined, offer the join form for a join link, send what waits. */
export function start() {
  if (started) return;
  started = true;
  page.say = say;
  page.render = render;
  message = element("p", { className: "sc-live-melding", tabIndex: -1 });
  message.setAttribute("role", "status");
  holder = element("div", { className: "sc-live" }, [message]);
  const place = document.querySelector("article.bd-article") || document.querySelector("main") || document.body;
  place.prepend(holder);
  window.addEventListener("storage", (event) => {
    if (event.key === null || event.key === SESSION_KEY || event.key === NOTICE_KEY) render();
    if (event.key === SESSION_KEY && event.oldValue && !event.newValue) endedElsewhere();
  });
  window.addEventListener(CLEARED_EVENT, wiped);
  window.addEventListener("online", () => flush());
  window.addEventListener("hashchange", fromFragment);
  window.addEventListener("pagehide", leaving);
  render();
  fromFragment();
  if (session()) flush();
  watchState();
}
