// "Mijn voortgang" (the progress page) and its compact block on the start page, made
// in the browser from local storage: nothing is sent anywhere. Shows which exercises
// of the trainee's path are done, the knowledge-check results and what is left; the
// answers in plain Dutch for printing; the certificate of participation once every
// knowledge check of the path is done.

import { CLEARED_EVENT, STORAGE_PREFIX, fromUnits, openStorage, readEntry, wipeCourse } from "./answerstore.js";
import { answersSection, sentences, status, summary } from "./answersview.js";
import { h } from "./dom.js";
import { PATH_EVENT, PICKER_ID, chosenPath } from "./pathchoice.js";
import { WIPE_ALL, WIPE_ALL_LABEL, wipeAfterAsking } from "./wipe.js";

const FULL_ID = "sc-voortgang";
const SHORT_ID = "sc-voortgang-kort";
const PRINTING = "sc-print-actief";

/** Today's date as Dutch readers write it: "29 november 2026". */
export function dutchDate(date = new Date()) {
  return date.toLocaleDateString("nl-NL", { day: "numeric", month: "long", year: "numeric" });
}

// Fetched once per page, and only when needed: the index of the exercises (title and
// type, for the overview) once a path is chosen or an answer is stored, then the full
// spec of each exercise that has answers stored (for its result and the printed answers).
const fetched = new Map();
function fetchJson(url) {
  if (!fetched.has(url)) fetched.set(url, fetch(url).then((response) => response.json()));
  return fetched.get(url);
}

function storedRaw(store, id) {
  try {
    return store ? store.getItem(STORAGE_PREFIX + id) : null;
  } catch (err) {
    return null;
  }
}

/**
 * The exercises on some pages, each once, with where it is, the stored answers and
 * what they give; with ``answeredOnly`` just those with answers stored. An exercise
 * with nothing stored is neither started nor done (each type asks for at least one
 * answer), so its spec and type module are not loaded.
 */
async function exercisesOn(pages, data, answeredOnly = false) {
  const store = openStorage();
  const wanted = [];
  const seen = new Set();
  for (const page of pages) {
    for (const id of page.exercises) {
      const raw = storedRaw(store, id);
      if (seen.has(id) || (answeredOnly && raw === null)) continue;
      seen.add(id);
      wanted.push({ id, page, raw });
    }
  }
  if (!wanted.length) return [];
  const index = await fetchJson(data.index);
  const found = [];
  for (const { id, page, raw } of wanted) {
    if (!index[id]) continue;
    if (raw === null) {
      found.push({ id, page, spec: index[id], answers: {}, result: null, check: page.check, done: false, started: false });
      continue;
    }
    const [spec, module] = await Promise.all([fetchJson(`${data.specs}${id}.json`), import(`./${index[id].type}.js`)]);
    const entry = readEntry(raw, spec.type, spec);
    const answers = fromUnits(entry.units, entry.stamps, {});
    const result = module.compute(spec, answers);
    found.push({ id, page, spec, answers, result, check: page.check, ...status(spec.type, spec, answers, result) });
  }
  return found;
}

/** Every exercise of a path, answered or not (see exercisesOn). */
export function pathExercises(path, data) {
  return exercisesOn(path.pages, data);
}

function counts(exercises) {
  const checks = exercises.filter((e) => e.check);
  return {
    done: exercises.filter((e) => e.done).length,
    total: exercises.length,
    checksDone: checks.filter((e) => e.done).length,
    checks: checks.length,
  };
}

// The knowledge checks are among the path's exercises: said so, so that no one adds them up.
function countText(path, c) {
  const all = `Je hebt ${c.done} van de ${c.total} oefeningen van het ${path.title.toLowerCase()} gedaan.`;
  if (!c.checks) return all;
  const among = c.checks === 1 ? "is er 1 een kennischeck" : `zijn er ${c.checks} een kennischeck`;
  const done = c.checks === 1 ? (c.checksDone ? "die heb je gedaan" : "die heb je nog niet gedaan")
    : `daarvan heb je er ${c.checksDone} gedaan`;
  return `${all} Van die ${c.total} oefeningen ${among}: ${done}.`;
}

// A cell named by its column, for the narrow layout (book.css, sc-narrow-stack): an
// empty cell gets no name, so no bare "Resultaat:" stands in the row.
function namedCell(label, text) {
  return h("td", text ? { "data-label": label, text } : {});
}

// On a narrow screen the table stacks like the book's own tables (narrow_tables.py):
// its three columns were wider than a 360 px screen.
function overviewTable(exercises) {
  const rows = exercises.map((e) => h("tr", {}, [
    h("td", {}, [h("a", { href: e.page.url, text: e.spec.title }), e.check ? " (kennischeck)" : ""]),
    namedCell("Status", e.done ? "klaar" : e.started ? "begonnen" : "nog niet gedaan"),
    namedCell("Resultaat", e.started ? summary(e.spec.type, e.spec, e.answers, e.result) : ""),
  ]));
  return h("table", { class: "table sc-narrow-stack" }, [
    h("caption", { text: "Oefeningen van je leerpad" }),
    h("thead", {}, [h("tr", {}, ["Oefening", "Status", "Resultaat"].map((t) => h("th", { scope: "col", text: t })))]),
    h("tbody", {}, rows),
  ]);
}

// Print one part of the page: a copy goes straight under <body>, everything else is
// hidden for print (leerpad.css), and the copy goes once printing is over.
function printPart(node) {
  const holder = h("div", { class: "sc-afdruk sc-print-dit" }, [node]);
  document.body.append(holder);
  document.body.classList.add(PRINTING);
  const done = () => {
    holder.remove();
    document.body.classList.remove(PRINTING);
    window.removeEventListener("afterprint", done);
  };
  window.addEventListener("afterprint", done);
  window.print();
}

// The exercises given hold the answered ones (with a chosen path, its own answered or
// not, and those of another path with answers).
function answersView(data, path, exercises) {
  const started = exercises.filter((e) => e.started);
  const view = h("div", { class: "sc-mijn-antwoorden" }, [
    h("h2", { text: "Mijn antwoorden" }),
    h("p", { text: sentences(data.course, path?.title, `Gemaakt op ${dutchDate()}`) }),
  ]);
  if (!started.length) {
    view.append(h("p", { text: path ? "Je hebt nog geen oefening van je leerpad gemaakt." : "Je hebt nog geen oefening gemaakt." }));
  }
  for (const e of started) view.append(answersSection(e.spec.type, e.spec, e.answers, e.result));
  return view;
}

function certificate(data, path) {
  const name = h("input", { type: "text", id: "sc-bewijs-naam", autocomplete: "name" });
  const hint = h("p", { class: "sc-bewijs-hint", "aria-live": "polite" });
  const button = h("button", { type: "button", text: "Print bewijs van deelname" });
  button.addEventListener("click", () => {
    const who = name.value.trim();
    if (!who) {
      hint.textContent = "Vul eerst je naam in.";
      name.focus();
      return;
    }
    hint.textContent = "";
    printPart(h("div", { class: "sc-bewijs" }, [
      h("p", { class: "sc-bewijs-cursus", text: data.course }),
      h("h2", { text: "Bewijs van deelname" }),
      h("p", { class: "sc-bewijs-naam", text: who }),
      h("p", { text: `heeft het ${path.title.toLowerCase()} gevolgd en alle kennischecks gedaan.` }),
      h("p", { text: `Datum: ${dutchDate()}` }),
      h("p", { text: "Dank je wel voor je inzet voor het sleutelpersonennetwerk." }),
    ]));
  });
  return h("section", { class: "sc-bewijs-maken", "aria-labelledby": "sc-bewijs-kop" }, [
    h("h2", { id: "sc-bewijs-kop", text: "Bewijs van deelname" }),
    h("p", { text: "Je hebt alle kennischecks van je leerpad gedaan. Je kunt nu een bewijs van deelname printen of als pdf bewaren. Je naam wordt nergens bewaard." }),
    h("label", { for: name.id, text: "Je naam op het bewijs" }),
    " ",
    name,
    h("div", { class: "sc-knoppen" }, [button]),
    hint,
  ]);
}

async function renderFull(root, data) {
  const path = chosenPath(data);
  const status = h("p", { role: "status", class: "sc-voortgang-status" });
  const wipe = h("button", { type: "button", class: "sc-secondary", text: WIPE_ALL_LABEL });
  wipe.addEventListener("click", async () => {
    if (!(await wipeAfterAsking(wipe, status, { ...WIPE_ALL, wipe: wipeCourse }))) return;
    // The page is drawn again from the (now empty) storage; focus goes to its heading.
    await renderFull(root, data);
    root.querySelector(".sc-voortgang-status").textContent = WIPE_ALL.done;
    root.querySelector("h2").focus();
  });
  const exercises = path ? await pathExercises(path, data) : await exercisesOn(data.pages || [], data, true);
  // The answers hold every exercise the trainee answered: also one of another path,
  // which its page shows folded (host.js) but still lets them do.
  const others = path ? (await exercisesOn(data.pages || [], data, true)).filter((e) => !exercises.some((x) => x.id === e.id)) : [];
  const answered = [...exercises, ...others];
  const print = h("button", { type: "button", text: "Print mijn antwoorden" });
  print.addEventListener("click", () => printPart(answersView(data, path, answered)));
  const end = [
    answersView(data, path, answered),
    h("div", { class: "sc-knoppen" }, [print, wipe]),
    h("p", { class: "sc-muted", text: "Werk je met een trainer? Het bestand voor de trainer download je bij elke oefening (Download mijn antwoorden voor de trainer)." }),
    status,
  ];
  if (!path) {
    // The answers need no path; the overview and the certificate do.
    root.replaceChildren(
      h("h2", { tabindex: "-1", text: "Kies eerst een leerpad" }),
      h("p", {}, [
        "Je hebt nog geen leerpad gekozen. Dat doe je op de ", h("a", { href: data.start, text: "startpagina" }),
        ". Dan zie je hier welke oefeningen van je leerpad je al hebt gedaan, en kun je een bewijs van deelname printen. Je antwoorden zie je hieronder ook zonder leerpad.",
      ]),
      ...end,
    );
    return;
  }
  const c = counts(exercises);
  const left = exercises.filter((e) => !e.done);
  const parts = [
    h("h2", { tabindex: "-1", text: path.title }),
    h("p", { text: countText(path, c) }),
    overviewTable(exercises),
    h("h2", { text: "Wat je nog kunt doen" }),
    left.length
      ? h("ul", {}, left.map((e) => h("li", {}, [h("a", { href: e.page.url, text: e.spec.title }), ` (op de pagina ${e.page.title})`])))
      : h("p", { text: "Je hebt alle oefeningen van je leerpad gedaan." }),
  ];
  if (c.checks && c.checksDone === c.checks) parts.push(certificate(data, path));
  else parts.push(h("p", { text: "Als je alle kennischecks van je leerpad hebt gedaan, kun je hier een bewijs van deelname printen." }));
  root.replaceChildren(...parts, ...end);
}

async function renderShort(root, data) {
  const path = chosenPath(data);
  const link = h("a", { href: data.progress, text: "Bekijk je voortgang en je antwoorden" });
  if (!path) {
    // The chooser stands further down the start page, under "Twee leerpaden".
    root.replaceChildren(
      h("p", {}, ["Kies verderop op deze pagina een leerpad, onder ", h("a", { href: `#${PICKER_ID}`, text: "Twee leerpaden" }), ". Dan zie je hier je voortgang."]),
      h("p", {}, [h("a", { href: data.progress, text: "Bekijk je antwoorden" })]),
    );
    return;
  }
  const c = counts(await pathExercises(path, data));
  root.replaceChildren(h("p", {}, [h("strong", { text: "Jouw voortgang. " }), countText(path, c), " "]), h("p", {}, [link]));
}

/** Fill the progress page and the start page's block; called by leerpad.js. */
export async function start(data) {
  const full = document.getElementById(FULL_ID);
  const short = document.getElementById(SHORT_ID);
  if (short) {
    short.classList.add("sc-voortgang");
    short.setAttribute("aria-live", "polite");
  }
  const render = () => Promise.all([
    full ? renderFull(full, data) : null,
    short ? renderShort(short, data) : null,
  ]);
  await render();
  window.addEventListener(PATH_EVENT, render);
  window.addEventListener(CLEARED_EVENT, () => short && renderShort(short, data));
  window.addEventListener("storage", (event) => {
    if (event.key === null || event.key.startsWith("sleutelcursus:")) render();
  });
  document.documentElement.dataset.scVoortgang = "ready";
}
