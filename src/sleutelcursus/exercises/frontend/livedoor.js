// The live workshop, loaded when it has something to do (issue 11, light pages).
// live.js, livejoin.js and livesession.js weigh some 13 KB, and most trainees never join a
// workshop. Until live.js is needed, this stands in for it: each exercise's toolbar
// gets the same "Doe mee met de workshop" button, and live.js is imported (and takes
// over every toolbar slot) on that click, for a join link, when a session is kept in
// this browser (or the notice that the trainer closed it), or when another tab joins one. Nothing is sent from here: changes
// go to live.js only while a session is kept, exactly when live.js would send them.

// Where livesession.js keeps the session (SESSION_KEY) and the notice that its
// workshop was closed (NOTICE_KEY), and the fragment live.js opens the join form for
// (FRAGMENT); tests/test_sphinxext.py holds them equal.
const SESSION_KEY = "sleutelcursus:workshop";
const NOTICE_KEY = "sleutelcursus:workshop-gesloten";
const JOIN_FRAGMENT = "#doe-mee=";

// A closed workshop is said on every page until the trainee has read it: live.js says it.
function kept() {
  try {
    return localStorage.getItem(SESSION_KEY) !== null || localStorage.getItem(NOTICE_KEY) !== null;
  } catch (err) {
    return false; // no storage: no session kept
  }
}

const joining = () => window.location.hash.startsWith(JOIN_FRAGMENT);
const JOIN = "Doe mee met de workshop";
const LOADING = "De workshop wordt geladen…";
// A module that failed to come is not fetched again by this page (the module map keeps
// the failure), so only a reload helps.
const FAILED = "De workshop kon niet worden geladen. Controleer je verbinding, laad de pagina opnieuw en probeer het nog eens.";

/**
 * A stand-in for live.js with its ``exercise``, ``changed`` and ``start``;
 * ``load()`` imports live.js.
 */
export function onDemand(load) {
  const waiting = new Map(); // exercise id -> [its toolbar slot, its payload, its privacy sentence]
  const taken = new Map(); // exercise id -> the slot live.js put in its place
  let loading = null;
  let live = null;

  const go = () => {
    loading ??= load().then((module) => {
      live = module;
      waiting.forEach(([slot, payload, note], id) => {
        const own = module.exercise(id, payload, note);
        slot.replaceWith(own);
        taken.set(id, own);
      });
      waiting.clear();
      module.start();
      return module;
    });
    return loading;
  };

  function exercise(id, payload, note = null) {
    if (live) return live.exercise(id, payload, note);
    const slot = document.createElement("div");
    slot.className = "sc-live-slot";
    // As live.js fills an empty slot; with a session kept, live.js is on its way and
    // fills it itself (a page opened from a file has no workshop server to join).
    if (!kept() && /^https?:$/.test(window.location.protocol)) {
      const button = Object.assign(document.createElement("button"), {
        type: "button", className: "sc-secondary", textContent: JOIN,
      });
      const status = Object.assign(document.createElement("span"), { className: "sc-live-laden" });
      status.setAttribute("role", "status");
      // A trainee who points at or tabs to the button is likely to press it: its code
      // starts to come then (the module map keeps it for the press), not only on the press.
      const warm = () => load().catch(() => {});
      button.addEventListener("pointerenter", warm, { once: true });
      button.addEventListener("focus", warm, { once: true });
      button.addEventListener("click", async () => {
        if (button.getAttribute("aria-disabled") === "true") return;
        // On a slow connection the press could otherwise seem to do nothing for seconds.
        button.setAttribute("aria-disabled", "true");
        button.textContent = LOADING;
        status.textContent = "";
        let module;
        try {
          module = await go();
        } catch (err) {
          loading = null;
          button.removeAttribute("aria-disabled");
          button.textContent = JOIN;
          status.textContent = FAILED;
          return;
        }
        // live.js's own button is the one focus returns to when the form closes; with
        // a session joined in another tab meanwhile, there is none and no form.
        const own = taken.get(id)?.querySelector("button");
        if (own) module.openForm(own);
      });
      slot.append(button, status);
    }
    waiting.set(id, [slot, payload, note]);
    return slot;
  }

  function changed(id) {
    if (live) live.changed(id);
    else if (kept()) go().then((module) => module.changed(id));
  }

  function start() {
    if (kept() || joining()) {
      go();
      return;
    }
    window.addEventListener("storage", (event) => {
      if (event.key === SESSION_KEY && event.newValue) go();
    });
    window.addEventListener("hashchange", () => {
      if (joining()) go();
    });
  }

  return { exercise, changed, start };
}
