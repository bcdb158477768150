// Live workshop, the trainee's page (issue 16): "Doe mee met de workshop" in each
// exercise's toolbar, the join form (also opened by a join link, #doe-mee=CODE, but
// never joined without the trainee's click), the bar that says answers are shared,
// and "Stop met delen". Nothing is sent before the trainee joins; the session and
// the sending are livesession.js. The book's start script hands this module to the
// static host (host.js mountAll); pages without exercises call ``start`` themselves.

import { CLEARED_EVENT, NICKNAME_KEY } from "./answerstore.js";
import {
  NOTICE_KEY, SESSION_KEY, call, changed, closedNotice, dismissNotice, flush, forget, join, kv, leaving,
  normaliseCode, onWorkshopServer, page, reachable, refusal, register, session, endedElsewhere, shown, watchState,
} from "./livesession.js";

export { changed };

const FRAGMENT = /^#doe-mee=([^&]*)$/;
const NO_SERVER = "Op dit adres draait geen workshopserver. Open de link of het adres dat je trainer geeft.";
const NOT_HERE = [
  "Deze pagina staat niet op de server van een workshop. Hier kun je dus niet meedoen.",
  "Doe je mee aan een workshop? Je trainer laat een adres en een QR-code zien, zoals "
    + "http://192.168.1.20:8000/doe-mee/ABCD-EFGH. Typ dat adres in de adresbalk van je browser, "
    + "of scan de QR-code met je telefoon. Daar staat dezelfde cursus, en daar kun je meedoen.",
  "Wat je hier al hebt ingevuld, blijft in deze browser op dit adres. Het gaat niet mee naar de workshop.",
];
const BUSY = "Bezig met aanmelden…";
// storage.WIPE_GRACE on the server: an hour after the session closed or expired, it is wiped.
const WIPED = "De server van je trainer wist alle gegevens van de workshop vanzelf een uur nadat de workshop is gesloten.";
// Withdrawn now; what else the workshop holds goes with the server's wipe.
const LATER = "De andere gegevens van de workshop wist de server van je trainer een uur nadat de workshop is gesloten.";
const WITHDRAWN = `Je deelt niet meer: je antwoorden zijn nu uit de workshop gehaald. Ze blijven wel in deze browser. Er gaat niets meer naar de trainer. ${LATER}`;
// After "Wis alles van deze cursus" they are not in this browser any more either.
const WITHDRAWN_WIPED = `Je deelt niet meer: je antwoorden zijn nu uit de workshop en uit deze browser gehaald. ${LATER}`;
const GONE = `De workshop is niet bereikbaar, dus je antwoorden konden daar niet worden teruggetrokken. Deze browser stuurt niets meer; vraag je trainer ze te wissen. ${WIPED}`;
const CLOSED = `De workshop is al gesloten, dus je antwoorden staan nog bij je trainer. Deze browser stuurt niets meer; vraag je trainer ze te wissen. ${WIPED}`;

// Each exercise's place in its toolbar -> {note: its privacy sentence (or null), title: () => its title}.
const slots = new Map();
let noticeIds = 0;
let holder = null;
let message = null;
let known = null; // the session as last seen, so a wipe can still withdraw it

function element(tag, props = {}, children = []) {
  const node = Object.assign(document.createElement(tag), props);
  for (const child of children) node.append(child);
  return node;
}

// "ABCD-EFGH" on one line: a break at its dash would read as two codes.
const codeText = (code) => element("span", { className: "sc-live-code", textContent: shown(code) });

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
  if (!current) note.textContent = note.dataset.alleen;
  else {
    note.replaceChildren(`${kept} de workshopserver van je trainer (code `, codeText(current.code),
      '). Wil je dat niet meer? Kies "Stop met delen" bovenaan de pagina.');
  }
}

// Plain text, not a live region: the page's one status line has said it already, and
// a line per exercise would be read out again and again.
// ``title`` is the exercise whose toolbar says it: each "Begrepen" of a page then has a
// name of its own (the visible word first, so speaking "Begrepen" still finds it).
function noticeParts(notice, title = null) {
  const id = `sc-live-dicht-${++noticeIds}`;
  const what = notice.staat === "verlopen" ? "is voorbij: de tijd is om" : "is gesloten door je trainer";
  const code = notice.code ? [" (code ", codeText(notice.code), ")"] : [];
  const text = element("p", { id }, ["De workshop", ...code, ` ${what}. `,
    "Er gaat niets meer naar de trainer. Je antwoorden blijven in deze browser."]);
  const ok = element("button", { type: "button", className: "sc-secondary", textContent: "Begrepen" });
  const ended = notice.staat === "verlopen" ? "voorbij" : "gesloten";
  ok.setAttribute("aria-label", `Begrepen: de workshop is ${ended}${title ? ` (bij ${title})` : ""}`);
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
  fillNote(slots.get(slot).note, current);
  if (slot.dataset.state === state) return;
  slot.dataset.state = state;
  if (current) {
    const code = codeText(current.code);
    slot.replaceChildren(element("p", {}, reachable()
      ? ["Je antwoorden gaan naar de workshop (code ", code, ")."]
      : ["De workshop (code ", code, ") is nu niet bereikbaar. Je antwoorden wachten in deze browser."]));
  } else if (online) {
    const button = joinButton();
    if (!notice) {
      slot.replaceChildren(button);
      return;
    }
    const [text, ok] = noticeParts(notice, slots.get(slot).title());
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
  const code = element("strong", {}, [codeText(current.code)]);
  if (!reachable()) {
    return ["De workshop van je trainer (code ", code, ") is nu niet bereikbaar. Je antwoorden wachten in deze browser ",
      "en gaan mee zodra de verbinding terug is. Je doet mee ", ...who, "."];
  }
  return ["Je antwoorden gaan nu naar de workshop van je trainer (code ", code, ") ", ...who, "."];
}

// [message, the field it is about ("code", "bijnaam") or null for the form as a whole].
function joinError(status, refused, retryAfter) {
  const text = refused?.detail;
  if (status === 404 && text) return ["Er is geen workshop met deze code. Kijk de code na.", "code"];
  if (status === 410) return ["Deze workshop is gesloten. Vraag je trainer om de code van de nieuwe workshop.", "code"];
  if (status === 429) return [`Te veel pogingen. Wacht ${retryAfter || "een paar"} seconden en probeer het dan opnieuw.`, null];
  if (status === 422 && text) return [text, refused.veld === "bijnaam" ? "bijnaam" : null];
  if (status === 404 || status === 405 || status === 501) return [NO_SERVER, null];
  return [`Meedoen lukte niet (foutcode ${status}). Probeer het later opnieuw.`, null];
}

// A field with its label, its hint (a list of parts) and, under the field, the error
// about it (``fieldError``): read with the field (aria-describedby), not elsewhere.
function field(id, label, input, hint) {
  input.id = id;
  const parts = [element("label", { htmlFor: id, textContent: label })];
  if (hint) {
    parts.push(element("p", { id: `${id}-uitleg`, className: "sc-live-hint" }, hint));
  }
  const error = element("p", { id: `${id}-fout`, className: "sc-live-fout", hidden: true });
  const box = element("div", { className: "sc-live-field" }, [...parts, input, error]);
  fieldError(input, null);
  return box;
}

function fieldError(input, text) {
  const box = input.parentElement;
  const error = box.querySelector(".sc-live-fout");
  error.textContent = text || "";
  error.hidden = !text;
  const ids = [box.querySelector(".sc-live-hint"), text ? error : null].filter(Boolean).map((node) => node.id);
  if (ids.length) input.setAttribute("aria-describedby", ids.join(" "));
  else input.removeAttribute("aria-describedby");
  input.setAttribute("aria-invalid", String(Boolean(text)));
}

async function submit(inputs, status) {
  const { code: codeInput, bijnaam: nickInput } = inputs;
  const code = normaliseCode(codeInput.value);
  fieldError(nickInput, null);
  status.textContent = "";
  if (!code) {
    fieldError(codeInput, "Een code heeft 8 letters en cijfers, zoals ABCD-EFGH.");
    codeInput.focus();
    return false;
  }
  fieldError(codeInput, null);
  status.textContent = "Even geduld, je wordt aangemeld.";
  const nickname = nickInput.value.trim();
  try {
    const response = await call("POST", "deelnemen", { body: { code, bijnaam: nickname || null } });
    if (response.status !== 201) {
      const [text, about] = joinError(response.status, await refusal(response), response.headers.get("Retry-After"));
      status.textContent = about ? "" : text;
      if (about) {
        // Said where it belongs, and read out there: focus goes to the field to fix.
        fieldError(inputs[about], text);
        inputs[about].focus();
      }
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

// The dialog on a page no workshop server serves: there is nothing to join here.
function notHere(dialog, heading) {
  const texts = NOT_HERE.map((text, index) => element("p", { id: `sc-live-nergens-${index}`, textContent: text }));
  dialog.setAttribute("aria-describedby", texts.map((text) => text.id).join(" "));
  const close = element("button", { type: "button", textContent: "Sluiten" });
  close.addEventListener("click", () => dialog.close());
  dialog.append(heading, ...texts, element("div", { className: "sc-live-knoppen" }, [close]));
  return close;
}

function joinForm(dialog, heading, code) {
  const codeInput = element("input", { type: "text", value: code, autocomplete: "off", spellcheck: false });
  codeInput.setAttribute("autocapitalize", "characters");
  const nickInput = element("input", { type: "text", autocomplete: "nickname", maxLength: 40 });
  nickInput.value = known?.nickname || kv.getItem(NICKNAME_KEY) || "";
  const status = element("p", { className: "sc-live-status" });
  status.setAttribute("role", "status");
  const cancel = element("button", { type: "button", className: "sc-secondary", textContent: "Annuleren" });
  cancel.addEventListener("click", () => dialog.close());
  const send = element("button", { type: "submit", textContent: "Doe mee" });
  const form = element("form", {}, [
    heading,
    element("p", { textContent: `Als je meedoet, stuurt deze browser je antwoorden op de oefeningen en je bijnaam naar de workshop van je trainer op ${window.location.host}, tot je op "Stop met delen" drukt.` }),
    field("sc-live-code", "Code van de workshop", codeInput, ["8 letters en cijfers, bijvoorbeeld ", codeText("ABCDEFGH")]),
    field("sc-live-bijnaam", "Bijnaam (niet verplicht)", nickInput),
    status,
    element("div", { className: "sc-live-knoppen" }, [send, cancel]),
  ]);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (send.getAttribute("aria-disabled") === "true") return;
    // Not disabled: the button keeps the focus while it says that it is busy.
    send.setAttribute("aria-disabled", "true");
    send.textContent = BUSY;
    const joined = await submit({ code: codeInput, bijnaam: nickInput }, status);
    send.removeAttribute("aria-disabled");
    send.textContent = "Doe mee";
    if (joined) dialog.close();
  });
  dialog.append(form);
  // From a join link the code is filled in already: the nickname is what is left to type.
  return code ? nickInput : codeInput;
}

/**
 * The join form, a native modal dialog; ``code`` prefills it (from a join link). On a
 * page that no workshop server serves, the dialog says so and how to get to one.
 */
export function openForm(opener = null, code = "") {
  const open = document.querySelector("dialog.sc-live-form");
  if (open) return open;
  const dialog = element("dialog", { className: "sc-host-confirm sc-live-form" });
  const heading = element("h2", { id: "sc-live-titel", textContent: "Doe mee met de workshop" });
  dialog.setAttribute("aria-labelledby", heading.id);
  const first = onWorkshopServer() ? joinForm(dialog, heading, code) : notHere(dialog, heading);
  dialog.addEventListener("close", () => {
    dialog.remove();
    const bar = holder?.querySelector(".sc-live-bar");
    if (session() && bar) bar.focus();
    else if (opener?.isConnected) opener.focus();
  });
  document.body.append(dialog);
  dialog.showModal();
  first.focus();
  return dialog;
}

async function withdraw(current, done = WITHDRAWN) {
  if (!onWorkshopServer()) return GONE;
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
  slots.set(slot, { note, title: () => payload(null).title });
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
