// Live workshop, the trainee's page (issue 16): "Doe mee met de workshop" in each
// exercise's toolbar, the join form (also opened by a join link, #doe-mee=CODE, but
// never joined without the trainee's click), the bar that says answers are shared,
// and "Stop met delen". Nothing is sent before the trainee joins; the session and
// the sending are livesession.js. The book's start script hands this module to the
// static host (host.js mountAll); pages without exercises call ``start`` themselves.
// The join form itself is livejoin.js.

import { CLEARED_EVENT } from "./answerstore.js";
import { codeText, element, openForm as joinDialog } from "./livejoin.js";
import { confirmWipe } from "./wipe.js";
import {
  NOTICE_KEY, SESSION_KEY, call, changed, closedNotice, dismissNotice, flush, forget, leaving,
  normaliseCode, onWorkshopServer, page, reachable, register, session, endedElsewhere, shown, watchState,
} from "./livesession.js";

export { changed };

const FRAGMENT = /^#doe-mee=([^&]*)$/;
// storage.WIPE_GRACE on the server: an hour after the session closed or expired, it is wiped.
const WIPED = "De server van je trainer wist alle gegevens van de workshop vanzelf een uur nadat de workshop is gesloten.";
// Withdrawn now; what else the workshop holds goes with the server's wipe.
const LATER = "De andere gegevens van de workshop wist de server van je trainer een uur nadat de workshop is gesloten.";
const WITHDRAWN = `Je deelt niet meer: je antwoorden zijn nu uit de workshop gehaald. Ze blijven wel in deze browser. Er gaat niets meer naar de trainer. ${LATER}`;
// After "Wis alles van deze cursus" they are not in this browser any more either.
const WITHDRAWN_WIPED = `Je deelt niet meer: je antwoorden zijn nu uit de workshop en uit deze browser gehaald. ${LATER}`;
const GONE = `De workshop is niet bereikbaar, dus je antwoorden konden daar niet worden teruggetrokken. Deze browser stuurt niets meer; vraag je trainer ze te wissen. ${WIPED}`;
const CLOSED = `De workshop is al gesloten, dus je antwoorden staan nog bij je trainer. Deze browser stuurt niets meer; vraag je trainer ze te wissen. ${WIPED}`;
// "Stop met delen" asks first, as every wipe of the course does (wipe.js).
const STOP = {
  question: "Stoppen met delen?",
  detail: "Je antwoorden worden uit de workshop van je trainer gehaald en deze browser stuurt niets meer. Ze blijven wel in deze browser. Wil je later weer delen, dan doe je opnieuw mee met de code.",
  yes: "Ja, stop met delen",
  no: "Nee, blijf delen",
  kept: "Je deelt nog: er is niets uit de workshop gehaald.",
};

// Each exercise's place in its toolbar -> {note: its privacy sentence (or null), title: () => its title}.
const slots = new Map();
let noticeIds = 0;
let holder = null;
let message = null;
let known = null; // the session as last seen, so a wipe can still withdraw it

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
  ok.setAttribute("aria-label", `Begrepen: de workshop is ${ended}` + (title ? ` (bij ${title})` : ""));
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
    // Focusable by script: after joining from this toolbar, the focus comes back here.
    slot.replaceChildren(element("p", { tabIndex: -1 }, reachable()
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

/**
 * The join form (livejoin.js); ``opener`` is the button that opened it, ``code``
 * prefills it (from a join link). Joined from an exercise's toolbar, the trainee stays
 * where they were: the bar and the message that go in at the top of the page would push
 * that exercise down, so the view follows it, and the focus goes to the toolbar's line
 * that now says the answers are shared. The joining is said in the page's status line
 * (a polite live region), which moves nothing.
 */
export function openForm(opener = null, code = "") {
  const slot = opener?.closest(".sc-live-slot") || null;
  const top = slot?.getBoundingClientRect().top;
  return joinDialog(code, {
    nickname: known?.nickname,
    joined: () => say("Je doet mee met de workshop."),
    closed: () => {
      if (!session()) {
        if (opener?.isConnected) opener.focus();
      } else if (slot?.isConnected) {
        window.scrollBy(0, slot.getBoundingClientRect().top - top);
        slot.querySelector("p")?.focus({ preventScroll: true });
      } else {
        holder?.querySelector(".sc-live-bar")?.focus();
      }
    },
  });
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

async function stopSharing(event) {
  const button = event.currentTarget;
  // On a page no workshop server served nothing can be taken out of the workshop, so
  // there is nothing to confirm: the stop is at once (withdraw says what stays there).
  if (session() && onWorkshopServer()) {
    const sure = await confirmWipe(STOP.question, STOP.detail, STOP.yes, STOP.no);
    if (!sure) {
      if (button.isConnected) button.focus();
      say(STOP.kept);
      return;
    }
  }
  const current = session(); // asked again: another tab may have stopped meanwhile
  if (!current) {
    message.focus();
    return;
  }
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
