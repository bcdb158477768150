// Static host: runs the exercise modules in the built book, with no kernel and no
// network. myst-nb leaves, for each exercise, a widget-view script (the model id)
// and, once per page, the widget state (spec, answers, kind). For each view we make
// a plain in-page model, keep its answers in localStorage and mount the same
// anywidget front-end module that Jupyter runs.

const STATE_TYPE = "application/vnd.jupyter.widget-state+json";
const VIEW_TYPE = "application/vnd.jupyter.widget-view+json";
const STORAGE_PREFIX = "sleutelcursus:v1:";
const NICKNAME_KEY = "sleutelcursus:bijnaam";
const START_ATTRIBUTE = "data-sleutelcursus-start";
export const SCHEMA = "sleutelcursus-antwoorden";
export const SCHEMA_VERSION = 1;

function storage() {
  // Private windows and some intranet policies forbid localStorage: work without it.
  try {
    const probe = "sleutelcursus:probe";
    window.localStorage.setItem(probe, "1");
    window.localStorage.removeItem(probe);
    return window.localStorage;
  } catch (err) {
    return null;
  }
}

function readStored(store, key) {
  if (!store) return undefined;
  try {
    const raw = store.getItem(key);
    return raw === null ? undefined : JSON.parse(raw).answers;
  } catch (err) {
    return undefined; // a damaged entry counts as no answers
  }
}

// The subset of the anywidget model API that our modules use.
export function createModel(state, storageKey) {
  const store = storage();
  const values = { ...state };
  const stored = readStored(store, storageKey);
  if (stored !== undefined) values.answers = stored;
  const initialAnswers = JSON.stringify(state.answers);
  const listeners = new Map();
  const emit = (name) => (listeners.get(`change:${name}`) || []).slice().forEach((cb) => cb());
  return {
    get: (name) => values[name],
    set(name, value) {
      values[name] = value;
      emit(name);
    },
    save_changes() {
      if (!store) return;
      store.setItem(storageKey, JSON.stringify({ answers: values.answers, saved: new Date().toISOString() }));
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
      this.set("answers", JSON.parse(initialAnswers));
    },
    persistent: Boolean(store),
  };
}

function element(tag, props = {}, children = []) {
  const node = Object.assign(document.createElement(tag), props);
  for (const child of children) node.append(child);
  return node;
}

function exportAnswers(module, model, nickname) {
  const spec = model.get("spec");
  const answers = model.get("answers");
  return {
    schema: SCHEMA,
    schema_version: SCHEMA_VERSION,
    exercise_id: model.get("exercise_id"),
    kind: model.get("kind"),
    title: spec.title,
    spec_version: spec.version,
    page: window.location.pathname,
    exported_at: new Date().toISOString(),
    nickname: nickname || null,
    answers,
    result: module.compute(spec, answers),
  };
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

function toolbar(module, model) {
  const id = model.get("exercise_id");
  const status = element("p", { className: "sc-host-status" });
  status.setAttribute("role", "status");
  const store = storage();
  const nickInput = element("input", { type: "text", id: `sc-bijnaam-${id}`, autocomplete: "nickname" });
  nickInput.value = (store && store.getItem(NICKNAME_KEY)) || "";
  nickInput.addEventListener("change", () => {
    if (store) store.setItem(NICKNAME_KEY, nickInput.value.trim());
  });
  const nickLabel = element("label", { htmlFor: nickInput.id, textContent: "Bijnaam (niet verplicht, alleen in je downloadbestand)" });
  const save = element("button", { type: "button", textContent: "Download mijn antwoorden" });
  save.addEventListener("click", () => {
    download(`antwoorden-${id}.json`, exportAnswers(module, model, nickInput.value.trim()));
    status.textContent = "Je antwoorden zijn gedownload als JSON-bestand.";
  });
  const clear = element("button", { type: "button", className: "sc-secondary", textContent: "Wis mijn antwoorden" });
  clear.addEventListener("click", () => {
    model.clear();
    status.textContent = "Je antwoorden zijn gewist.";
  });
  const note = model.persistent
    ? "Je antwoorden blijven alleen in deze browser bewaard. Niemand anders ziet ze."
    : "Deze browser bewaart je antwoorden niet. Download ze als je ze wilt houden.";
  return element("div", { className: "sc-host-toolbar" }, [
    element("p", { className: "sc-muted", textContent: note }),
    element("div", { className: "sc-host-nickname" }, [nickLabel, nickInput]),
    element("div", {}, [save, clear]),
    status,
  ]);
}

function pageState() {
  const script = document.querySelector(`script[type="${STATE_TYPE}"]`);
  if (!script) return {};
  return JSON.parse(script.textContent).state || {};
}

async function mountView(script, states, modules) {
  const { model_id: modelId } = JSON.parse(script.textContent);
  const entry = states[modelId];
  if (!entry || !entry.state || !entry.state.kind) return null; // not one of our exercises
  const state = entry.state;
  // The book's start script hands over the type modules it imported; elsewhere
  // each sits next to this script.
  const module = modules[state.kind] ?? (await import(new URL(`./${state.kind}.js`, import.meta.url).href));
  const model = createModel(
    { kind: state.kind, exercise_id: state.exercise_id, spec: state.spec, answers: state.answers },
    STORAGE_PREFIX + state.exercise_id,
  );
  const mount = element("div", { className: "sc-host-mount" });
  const host = element("div", { className: "sc-host" }, [mount]);
  host.dataset.exercise = state.exercise_id;
  script.replaceWith(host);
  module.default.render({ model, el: mount });
  host.append(toolbar(module, model));
  return [state.exercise_id, model];
}

/**
 * Mount every exercise view in ``root``. ``modules`` maps a kind to its module when
 * the page imported it already: then mounting needs no further request and happens
 * at once, before the theme's deferred scripts run. Resolves to the mounted models
 * by exercise id, for a page that starts the host itself and follows its exercises.
 */
export async function mountAll(root = document, modules = {}) {
  const states = pageState();
  const views = [...root.querySelectorAll(`script[type="${VIEW_TYPE}"]`)];
  const mounted = await Promise.all(views.map((script) => mountView(script, states, modules)));
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
