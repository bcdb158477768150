// Static host: runs the exercise modules in the built book, with no kernel and no
// network (unless the trainee joins a live workshop: the book hands in live.js or its
// stand-in, livedoor.js). myst-nb leaves, for each exercise, a widget-view script (the model id)
// and, once per page, the widget state (spec, answers, kind). For each view we make
// a plain in-page model, keep its answers in localStorage and mount the same
// anywidget front-end module that Jupyter runs.

import {
  CLEARED_EVENT, NICKNAME_KEY, PATH_KEY, STORAGE_PREFIX, applyAnswers, fromUnits, mergeEntries, nextStamp, openStorage,
  progressOf, readEntry, toUnits, wipeCourse, writeEntry,
} from "./answerstore.js";
import { WIPE_ALL, WIPE_ALL_LABEL, wipeAfterAsking } from "./wipe.js";

const STATE_TYPE = "application/vnd.jupyter.widget-state+json";
const VIEW_TYPE = "application/vnd.jupyter.widget-view+json";
const START_ATTRIBUTE = "data-sleutelcursus-start";
// Where the book puts its learning-path data (sphinxext.PATHS_DATA_ID).
const PATHS_DATA_ID = "sc-leerpaden";
// A packed list of objects (hosting.py PACKED): the keys once, then each object's values.
const [PACKED_KEYS, PACKED_ROWS] = ["sc:sleutels", "sc:rijen"];
export const SCHEMA = "sleutelcursus-antwoorden";
export const SCHEMA_VERSION = 1;

function readRaw(store, key) {
  try {
    return store ? store.getItem(key) : null;
  } catch (err) {
    return null;
  }
}

// The subset of the anywidget model API that our modules use, with the answers kept
// per exercise in localStorage and merged with what other tabs saved. ``onSave`` hears
// of each change the trainee made (not of those adopted from other tabs).
export function createModel(state, storageKey, onSave = () => {}) {
  const store = openStorage();
  const skeleton = JSON.stringify(state.answers);
  const values = { ...state };
  const raw = readRaw(store, storageKey);
  const fresh = () => {
    const units = toUnits(JSON.parse(skeleton));
    return { units, stamps: new Map([...units.keys()].map((key) => [key, 0])), removed: new Map(), damaged: false };
  };
  let entry = raw === null ? fresh() : readEntry(raw, state.kind, state.spec);
  const damaged = entry.damaged;
  if (raw !== null) values.answers = fromUnits(entry.units, entry.stamps, JSON.parse(skeleton));
  // A damaged entry is rewritten without the damage, so the trainee hears of it once.
  if (damaged && store) store.setItem(storageKey, writeEntry(entry, JSON.parse(skeleton)));
  const listeners = new Map();
  const emit = (name) => (listeners.get(`change:${name}`) || []).slice().forEach((cb) => cb());

  function adopt(next) {
    entry = next;
    const answers = fromUnits(entry.units, entry.stamps, JSON.parse(skeleton));
    if (JSON.stringify(answers) === JSON.stringify(values.answers)) return;
    values.answers = answers;
    emit("answers");
  }

  function reset() {
    entry = fresh();
    values.answers = JSON.parse(skeleton);
    emit("answers");
  }

  window.addEventListener("storage", (event) => {
    if (event.key === null) reset(); // the whole storage was cleared
    else if (event.key !== storageKey) return;
    else if (event.newValue === null) reset();
    else adopt(mergeEntries(entry, readEntry(event.newValue, state.kind, state.spec)));
  });
  window.addEventListener(CLEARED_EVENT, reset);

  return {
    get: (name) => values[name],
    set(name, value) {
      if (name === "answers") entry = applyAnswers(entry, value, nextStamp());
      values[name] = value;
      emit(name);
    },
    save_changes() {
      if (!store) return;
      // Merge first: another tab may have saved other answers since this page loaded.
      adopt(mergeEntries(entry, readEntry(readRaw(store, storageKey), state.kind, state.spec)));
      store.setItem(storageKey, writeEntry(entry, JSON.parse(skeleton)));
      onSave();
    },
    on(event, cb) {
      if (!listeners.has(event)) listeners.set(event, []);
      listeners.get(event).push(cb);
    },
    off(event, cb) {
      const list = listeners.get(event) || [];
      const at = list.indexOf(cb);
      if (at >= 0) list.splice(at, 1);
    },
    clear() {
      if (store) store.removeItem(storageKey);
      reset();
    },
    persistent: Boolean(store),
    damaged,
  };
}

function element(tag, props = {}, children = []) {
  const node = Object.assign(document.createElement(tag), props);
  for (const child of children) node.append(child);
  return node;
}

const NICKNAME_EVENT = "sleutelcursus:bijnaam";

function exportAnswers(module, model, nickname) {
  const spec = model.get("spec");
  const answers = model.get("answers");
  const kind = model.get("kind");
  const result = module.compute(spec, answers);
  return {
    schema: SCHEMA,
    schema_version: SCHEMA_VERSION,
    exercise_id: model.get("exercise_id"),
    kind,
    title: spec.title,
    spec_version: spec.version,
    page: window.location.pathname,
    exported_at: new Date().toISOString(),
    nickname: nickname || null,
    answers,
    result,
    progress: progressOf(kind, spec, answers, result),
  };
}

// A name fit for any file system: letters and digits of the Latin alphabet and single
// hyphens; accents folded (é -> e), everything else a hyphen; kept short.
function fileSafe(text) {
  return String(text ?? "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
    .replace(/[^a-z0-9]+/g, "-").slice(0, 40).replace(/^-+|-+$/g, "");
}

/**
 * The answer file's name: exercise id, nickname (when given) and the local date and time,
 * e.g. ``rolscan-anna-2026-11-29-1432.json``. A trainer collects many in one folder: the
 * name tells them apart and sorts them by exercise, then trainee, then time.
 */
export function answerFileName(exerciseId, nickname, now = new Date()) {
  const two = (n) => String(n).padStart(2, "0");
  const date = `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}`;
  const time = `${two(now.getHours())}${two(now.getMinutes())}`;
  return `${[fileSafe(exerciseId), fileSafe(nickname), date, time].filter(Boolean).join("-")}.json`;
}

function download(filename, data) {
  const blob = new Blob([JSON.stringify(data, null, 2)], { type: "application/json" });
  const url = URL.createObjectURL(blob);
  const link = element("a", { href: url, download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function toolbar(module, model, live) {
  const id = model.get("exercise_id");
  const status = element("p", { className: "sc-host-status" });
  status.setAttribute("role", "status");
  const store = openStorage();
  const nickInput = element("input", { type: "text", id: `sc-bijnaam-${id}`, autocomplete: "nickname" });
  nickInput.value = readRaw(store, NICKNAME_KEY) || "";
  // One nickname for the whole course: every exercise on this page takes it at once
  // (the storage event only reaches other tabs), so each download carries it.
  nickInput.addEventListener("change", () => {
    const value = nickInput.value.trim();
    if (store) store.setItem(NICKNAME_KEY, value);
    window.dispatchEvent(new CustomEvent(NICKNAME_EVENT, { detail: { value, from: nickInput } }));
  });
  window.addEventListener(NICKNAME_EVENT, (event) => {
    if (event.detail.from !== nickInput) nickInput.value = event.detail.value;
  });
  window.addEventListener(CLEARED_EVENT, () => {
    nickInput.value = "";
  });
  window.addEventListener("storage", (event) => {
    if (event.key === null || event.key === NICKNAME_KEY) nickInput.value = event.newValue || "";
  });
  const nickLabel = element("label", { htmlFor: nickInput.id, textContent: "Bijnaam (niet verplicht, alleen in je downloadbestand)" });
  const save = element("button", { type: "button", textContent: "Download mijn antwoorden voor de trainer" });
  const saveHelp = element("p", { id: `sc-download-uitleg-${id}`, className: "sc-muted" }, downloadHelp());
  save.setAttribute("aria-describedby", saveHelp.id);
  save.addEventListener("click", () => {
    const nickname = nickInput.value.trim();
    const name = answerFileName(id, nickname);
    download(name, exportAnswers(module, model, nickname));
    status.textContent = `Je antwoorden zijn gedownload als ${name}: het bestand voor de trainer.`;
  });
  const clear = element("button", { type: "button", className: "sc-secondary", textContent: "Wis mijn antwoorden" });
  clear.addEventListener("click", () => wipeAfterAsking(clear, status, {
    question: "Je antwoorden op deze oefening wissen?",
    detail: "Je antwoorden op deze oefening worden uit deze browser gehaald. Dat kun je niet terugdraaien.",
    yes: "Ja, wis deze oefening",
    // While sharing with a workshop, the emptied answers go there too.
    wipe: () => { model.clear(); live?.changed(id); },
    done: "Je antwoorden zijn gewist.",
  }));
  const clearAll = element("button", { type: "button", className: "sc-secondary", textContent: WIPE_ALL_LABEL });
  clearAll.addEventListener("click", () => wipeAfterAsking(clearAll, status, { ...WIPE_ALL, wipe: wipeCourse }));
  const note = model.persistent
    ? "Je antwoorden blijven alleen in deze browser bewaard. Niemand anders ziet ze."
    : "Deze browser bewaart je antwoorden niet. Download ze als je ze wilt houden.";
  // Said once, when the page loads: the damaged part is already gone from storage.
  // (After the status is in the page: a live region announces changes, not its first text.)
  if (model.damaged) {
    setTimeout(() => {
      status.textContent = "Een deel van je bewaarde antwoorden was beschadigd. Dat deel is weggelaten.";
    }, 50);
  }
  // While the trainee shares with a live workshop, live.js rewrites this sentence.
  const where = element("p", { className: "sc-muted sc-host-bewaard", textContent: note });
  where.dataset.bewaard = String(model.persistent);
  return element("div", { className: "sc-host-toolbar" }, [
    where,
    element("div", { className: "sc-host-nickname" }, [nickLabel, nickInput]),
    element("div", {}, [save, clear, clearAll]),
    saveHelp,
    ...(live ? [live.exercise(id, (nickname) => exportAnswers(module, model, nickname), where)] : []),
    status,
  ]);
}

// The download is a file for the trainer's workshop tools, not for reading: say so, and
// where a trainee reads and prints the answers instead ("Mijn voortgang", named in the
// page's learning-path data when the page has it).
function downloadHelp() {
  const lead = "Het bestand is voor je trainer, om in de workshop in te lezen; zelf lees je het niet makkelijk. ";
  const progress = pathData()?.progress ?? null;
  const page = progress ? element("a", { href: progress, textContent: "Mijn voortgang" }) : "Mijn voortgang";
  return [lead, "Je antwoorden lezen of printen doe je op de pagina ", page, "."];
}

/** The page's learning-path data (sphinxext.path_data), or null (a page off the paths, an export). */
function pathData() {
  try {
    return JSON.parse(document.getElementById(PATHS_DATA_ID)?.textContent || "null");
  } catch (err) {
    return null;
  }
}

/**
 * The path an exercise is written for (its spec's ``perspectief``, as paths.on_path reads
 * it), when the trainee chose another path (``chosen``, its id as stored); else null.
 */
export function otherPath(spec, data, chosen) {
  if (!data || !spec.perspectief) return null;
  if (chosen === spec.perspectief || !data.paths.some((path) => path.id === chosen)) return null;
  return data.paths.find((path) => path.id === spec.perspectief) || null;
}

// A page with an exercise per path (the knowledge checks) made a trainee who chose a path
// tab through the other path's whole exercise too (9 of the 25 stops from the page's
// heading to "Volgende in jouw leerpad", issue 11 trial). That exercise waits behind one closed native disclosure: one
// stop, announced as such, still there to open. Done while mounting, before the first
// paint, so nothing moves.
function folded(host, path) {
  const summary = element("summary", { textContent: `Oefening voor het ${path.title.toLowerCase()} (niet jouw leerpad)` });
  return element("details", { className: "sc-ander-leerpad" }, [summary, host]);
}

/** ``value`` with every packed list of objects (hosting.py ``packed``) restored. */
export function unpacked(value) {
  if (Array.isArray(value)) return value.map(unpacked);
  if (value === null || typeof value !== "object") return value;
  const keys = value[PACKED_KEYS];
  if (Array.isArray(keys) && Array.isArray(value[PACKED_ROWS]) && Object.keys(value).length === 2) {
    return value[PACKED_ROWS].map((row) => Object.fromEntries(keys.map((key, i) => [key, unpacked(row[i])])));
  }
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, unpacked(item)]));
}

function pageState() {
  const script = document.querySelector(`script[type="${STATE_TYPE}"]`);
  if (!script) return {};
  return JSON.parse(script.textContent).state || {};
}

async function mountView(script, states, modules, live, paths, chosen) {
  const { model_id: modelId } = JSON.parse(script.textContent);
  const entry = states[modelId];
  if (!entry || !entry.state || !entry.state.kind) return null; // not one of our exercises
  const state = entry.state;
  // The book's start script hands over the type modules it imported; elsewhere
  // each sits next to this script.
  const module = modules[state.kind] ?? (await import(new URL(`./${state.kind}.js`, import.meta.url).href));
  const model = createModel(
    { kind: state.kind, exercise_id: state.exercise_id, spec: unpacked(state.spec), answers: state.answers },
    STORAGE_PREFIX + state.exercise_id,
    () => live?.changed(state.exercise_id),
  );
  const mount = element("div", { className: "sc-host-mount" });
  const host = element("div", { className: "sc-host" }, [mount]);
  host.dataset.exercise = state.exercise_id;
  const other = otherPath(model.get("spec"), paths, chosen);
  script.replaceWith(other ? folded(host, other) : host);
  module.default.render({ model, el: mount });
  host.append(toolbar(module, model, live));
  return [state.exercise_id, model];
}

/**
 * Mount every exercise view in ``root``. ``modules`` maps a kind to its module when
 * the page imported it already: then mounting needs no further request and happens
 * at once, before the theme's deferred scripts run. Resolves to the mounted models
 * by exercise id, for a page that starts the host itself and follows its exercises.
 * ``live`` is the live-workshop module (live.js) where the page offers joining one.
 */
export async function mountAll(root = document, modules = {}, live = null) {
  const states = pageState();
  const views = [...root.querySelectorAll(`script[type="${VIEW_TYPE}"]`)];
  const paths = pathData();
  // Read once for the page: opening the storage probes it with a write.
  const chosen = paths ? readRaw(openStorage(), PATH_KEY) : null;
  const mounted = await Promise.all(views.map((script) => mountView(script, states, modules, live, paths, chosen)));
  live?.start();
  // The moment a trainee can answer: tests wait for it, benchmarks measure it.
  performance.mark("sleutelcursus:klaar");
  document.documentElement.dataset.scExercises = "ready";
  return Object.fromEntries(mounted.filter(Boolean));
}

// A page with a start script (the book) calls mountAll itself; anywhere else the
// host starts on its own.
if (!document.querySelector(`script[${START_ATTRIBUTE}]`)) {
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", () => mountAll());
  } else {
    mountAll();
  }
}
