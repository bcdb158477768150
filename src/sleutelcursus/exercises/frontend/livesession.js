// The live-workshop session in this browser (issue 16): where it is kept, the
// server's trainee API, and the outbox that carries answer changes to it. Kept in
// localStorage, so every page and tab of the book shares one session. The outbox
// holds the latest payload per exercise only: what is answered while the server is
// away goes when it is back, and nothing is sent twice over. Nothing here sends
// anything before ``join``. The page's side (bar, form) is live.js.

import { COURSE_PREFIX, openStorage } from "./answerstore.js";

// Under the course's prefix, so "Wis alles van deze cursus" removes them too.
const SESSION_KEY = `${COURSE_PREFIX}workshop`;
const OUTBOX_PREFIX = `${COURSE_PREFIX}workshop-uit:`;
// The workshop this browser took part in was closed: said on every page (each exercise's
// toolbar) until the trainee presses "Begrepen" or joins another workshop.
const NOTICE_KEY = `${COURSE_PREFIX}workshop-gesloten`;
const DEBOUNCE_MS = 400;
const RETRY_MS = [1000, 2000, 5000, 10000, 30000];
// How often a joined page asks whether the session is still open, so a session the
// trainer closed ends here too when the trainee sends nothing (the server allows more).
export const STATE_MS = 15000;

const OFFLINE = "De workshop is nu niet bereikbaar. Je antwoorden blijven in deze browser en gaan mee zodra de verbinding terug is.";
const BACK = "De workshop is weer bereikbaar: al je antwoorden zijn verstuurd.";
const UNKNOWN = "De workshop kent je deelname niet meer. Er gaat niets meer naar de trainer; doe opnieuw mee met de code als je wilt.";
const CLOSED = "Je trainer heeft de workshop gesloten. Je antwoorden blijven alleen in deze browser; er gaat niets meer naar de trainer.";
const EXPIRED = "De tijd van de workshop is om. Je antwoorden blijven alleen in deze browser; er gaat niets meer naar de trainer.";

// Private windows and some intranet policies forbid localStorage: then the session
// lasts as long as the page.
function memoryStorage() {
  const items = new Map();
  return {
    get length() { return items.size; },
    key: (index) => [...items.keys()][index] ?? null,
    getItem: (key) => (items.has(key) ? items.get(key) : null),
    setItem: (key, value) => items.set(key, String(value)),
    removeItem: (key) => items.delete(key),
  };
}
export const kv = openStorage() ?? memoryStorage();

// The workshop server marks every page it serves (live/book_pages.py); a static host and
// "sleutelcursus serve" do not. A page knows so where it is without a request that fails
// (a failed one is an error in the browser's console).
export const SERVER_MARK = 'meta[name="sleutelcursus-workshop"]';
/** Whether a workshop server served this page: only there is its API to send to. */
export const onWorkshopServer = () => document.querySelector(SERVER_MARK) !== null;
export { NOTICE_KEY, SESSION_KEY };

/** What the page shows: ``say(text)`` in its live region, ``render()`` after the session changed. */
export const page = { say: () => {}, render: () => {} };

const exercises = new Map(); // exercise id -> (nickname) => answer-file payload
const timers = new Map(); // exercise id -> pending debounce
let retryTimer = null;
let stateTimer = null;
let failures = 0;
let offline = false;
let flushing = null;
let again = false;

function readJson(key) {
  try {
    const raw = kv.getItem(key);
    return raw === null ? null : JSON.parse(raw);
  } catch (err) {
    return null;
  }
}

/** The joined session ``{code, token, nickname, sent}``, or null. */
export function session() {
  const value = readJson(SESSION_KEY);
  return value && typeof value.token === "string" && typeof value.code === "string" ? value : null;
}

/** The workshop that was closed under this browser ``{code, staat}``, or null. */
export function closedNotice() {
  const value = readJson(NOTICE_KEY);
  return value && typeof value.code === "string" ? value : null;
}

/** The trainee has read that the workshop is closed: no page says it any more. */
export function dismissNotice() {
  kv.removeItem(NOTICE_KEY);
  page.render();
}

/** A typed code as the server reads it (upper case, no dash or spaces), or null. */
export function normaliseCode(typed) {
  const code = String(typed ?? "").replace(/[\s\-_.]+/g, "").toUpperCase();
  return /^[A-Z0-9]{8}$/.test(code) ? code : null;
}

/** ``ABCDEFGH`` -> ``ABCD-EFGH``. */
export const shown = (code) => `${code.slice(0, 4)}-${code.slice(4)}`;

// The scenario saves its "seed" as soon as it shows, before the trainee answers.
function hasAnswers(answers) {
  return Object.entries(answers || {}).some(
    ([key, value]) => key !== "seed" && (Array.isArray(value) ? value.length > 0 : value !== null && value !== undefined),
  );
}

/** A request to the server that serves the book: its API sits at the book's root (same origin). */
export function call(method, path, { token, body, keepalive = false } = {}) {
  const root = document.documentElement.dataset.content_root || "/";
  const headers = token ? { Authorization: `Bearer ${token}` } : {};
  if (body !== undefined) headers["Content-Type"] = "application/json";
  return fetch(new URL(`${root}api/${path}`, window.location.href), {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    mode: "same-origin", credentials: "omit", cache: "no-store", keepalive,
  });
}

/**
 * A JSON refusal: its Dutch ``detail`` and, when one field is wrong, that ``veld``; or
 * null (not our server's answer).
 */
export async function refusal(response) {
  if (!(response.headers.get("content-type") || "").includes("json")) return null;
  try {
    const body = await response.json();
    return body && typeof body === "object" ? body : null;
  } catch (err) {
    return null;
  }
}

function outboxKeys() {
  const keys = [];
  for (let i = 0; i < kv.length; i++) {
    const key = kv.key(i);
    if (key && key.startsWith(OUTBOX_PREFIX)) keys.push(key);
  }
  return keys;
}

/** End the session here: nothing more is queued or sent. */
export function forget() {
  kv.removeItem(SESSION_KEY);
  outboxKeys().forEach((key) => kv.removeItem(key));
  timers.forEach((timer) => clearTimeout(timer));
  timers.clear();
  clearTimeout(retryTimer);
  offline = false;
  failures = 0;
  page.render();
}

/**
 * Whether the last attempt reached the workshop (true until one fails); never on a page
 * no workshop server served (the same address may have served the workshop before).
 */
export function reachable() {
  return !offline && onWorkshopServer();
}

/** Keep a new session; send what was answered on this page before joining. */
export function join(joined) {
  forget(); // leftovers of an earlier session are never sent under the new one
  kv.removeItem(NOTICE_KEY);
  kv.setItem(SESSION_KEY, JSON.stringify({ ...joined, sent: [] }));
  page.render();
  exercises.forEach((_, id) => queue(id));
  flush();
}

function queue(id) {
  const current = session();
  const make = exercises.get(id);
  if (!current || !make) return;
  const payload = make(current.nickname || null);
  // An exercise never sent shares nothing until it has an answer; once sent, an
  // emptied answer (every candidate unticked) goes too, or the trainer keeps the old one.
  if (!hasAnswers(payload.answers) && !(current.sent || []).includes(id)) return;
  kv.setItem(OUTBOX_PREFIX + id, JSON.stringify({ token: current.token, payload }));
}

/** An exercise of this page: ``payload(nickname)`` gives its answer-file payload. */
export function register(id, payload) {
  exercises.set(id, payload);
}

/** The trainee changed an exercise's answers: while joined, send them after a pause. */
export function changed(id) {
  if (!session()) return; // not joined: nothing is queued, nothing is sent
  clearTimeout(timers.get(id));
  timers.set(id, setTimeout(() => {
    timers.delete(id);
    queue(id);
    flush();
  }, DEBOUNCE_MS));
}

/** Leaving within the pause: the pending changes go into the outbox and on their way. */
export function leaving() {
  if (!timers.size) return;
  timers.forEach((timer, id) => {
    clearTimeout(timer);
    queue(id);
  });
  timers.clear();
  flush(true);
}

function sent(key, item) {
  const now = readJson(key);
  // A newer change of the same exercise may have arrived while this one travelled.
  if (now && now.payload?.exported_at === item.payload.exported_at) kv.removeItem(key);
  const current = session();
  const id = item.payload.exercise_id;
  if (current && !(current.sent || []).includes(id)) {
    kv.setItem(SESSION_KEY, JSON.stringify({ ...current, sent: [...(current.sent || []), id] }));
  }
}

function retryLater(seconds = null) {
  if (seconds === null && !offline) {
    offline = true;
    page.say(OFFLINE);
    page.render(); // the bar and the toolbars say it too
  }
  const wait = seconds === null ? RETRY_MS[Math.min(failures, RETRY_MS.length - 1)] : seconds * 1000;
  failures += 1;
  clearTimeout(retryTimer);
  retryTimer = setTimeout(flush, wait);
}

// One pass over the outbox; false when the rest has to wait.
async function sendAll(keepalive) {
  for (const key of outboxKeys()) {
    const current = session();
    const item = readJson(key);
    if (!current || !item?.payload || item.token !== current.token) {
      kv.removeItem(key); // left from a session that has ended
      continue;
    }
    const path = `antwoorden/${encodeURIComponent(item.payload.exercise_id)}`;
    let response;
    try {
      response = await call("PUT", path, { token: current.token, body: item.payload, keepalive });
    } catch (err) {
      retryLater();
      return false;
    }
    if (response.ok) sent(key, item);
    else if (response.status === 401 || response.status === 410) {
      end(response.status === 401 ? "onbekend" : "gesloten");
      return false;
    } else if (response.status === 429) {
      retryLater(Number(response.headers.get("Retry-After")) || 1);
      return false;
    } else if (response.status >= 400 && response.status < 500) {
      kv.removeItem(key); // this payload will never be taken; the next change may be
      const why = response.status === 413 ? "is te groot om te versturen" : "werd door de workshop geweigerd";
      page.say(`Je antwoord op "${item.payload.title}" ${why} en is niet verstuurd.`);
    } else {
      retryLater();
      return false;
    }
  }
  return true;
}

// The session is over here. A closed or expired one leaves its notice first, so another
// tab that sees the session go (storage event) finds the notice already there.
function end(staat) {
  const current = session();
  if (staat === "gesloten" || staat === "verlopen") {
    kv.setItem(NOTICE_KEY, JSON.stringify({ code: current?.code ?? "", staat }));
  }
  forget();
  page.say(staat === "onbekend" ? UNKNOWN : staat === "verlopen" ? EXPIRED : CLOSED);
}

/** Ask the server whether the session is still open; end it here when it is not. */
export async function checkState() {
  const current = session();
  if (!current || !onWorkshopServer()) return;
  let state;
  try {
    const response = await call("GET", "deelnemen", { token: current.token });
    // Every state is a 200 (a refusal would be a console error on each poll); anything
    // else is not our server's answer, and the outbox says so when sending fails.
    if (!response.ok) return;
    state = (await response.json())?.staat;
  } catch (err) {
    return; // away for now: the outbox says so when something has to wait
  }
  // Another tab may have ended or renewed the session meanwhile.
  if (["gesloten", "verlopen", "onbekend"].includes(state) && session()?.token === current.token) end(state);
}

/**
 * The session ended in another tab: when the trainer closed it, say so here too, not
 * only in the tab that noticed (that tab left the notice before it ended the session).
 */
export function endedElsewhere() {
  const notice = closedNotice();
  if (notice && !session()) page.say(notice.staat === "verlopen" ? EXPIRED : CLOSED);
}

/** Ask every :data:`STATE_MS` (and now) whether the session is still open. */
export function watchState() {
  clearInterval(stateTimer);
  stateTimer = setInterval(checkState, STATE_MS);
  checkState();
}

/** Send what waits in the outbox (this page's and other pages' changes). */
export async function flush(keepalive = false) {
  if (!onWorkshopServer()) return; // the outbox waits for a page of the workshop
  if (flushing) {
    again = true;
    return flushing;
  }
  flushing = (async () => {
    let done;
    do {
      again = false;
      done = await sendAll(keepalive);
    } while (again && done);
    if (done) {
      failures = 0;
      const back = offline;
      offline = false;
      if (back) {
        page.say(BACK);
        page.render();
      }
    }
  })();
  try {
    await flushing;
  } finally {
    flushing = null;
  }
}
