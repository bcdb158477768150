// The static host's answer store: one localStorage entry per exercise, kept per
// answer (a statement, a candidate, a step) with the time it last changed, so that two
// tabs of the same book merge their answers instead of overwriting each other: per
// answer, the latest change wins. Values that cannot be answers of the exercise (a
// damaged or stale entry) are dropped when read, so they are never shown or exported.

export const STORAGE_PREFIX = "sleutelcursus:v1:";
// Sent on this page when "Wis alles" ran: other tabs learn it from the storage event.
export const CLEARED_EVENT = "sleutelcursus:gewist";
export const NICKNAME_KEY = "sleutelcursus:bijnaam";
// The learning path the trainee picked on the start page (pathchoice.js); the host
// reads it too, before the first paint (the other path's exercises fold away).
export const PATH_KEY = "sleutelcursus:leerpad";
// Every key this course writes starts with this ("Wis alles van deze cursus").
export const COURSE_PREFIX = "sleutelcursus:";
// List fields whose order is a walk (each entry depends on the one before); every
// other list is a set of ids.
const SEQUENCES = new Set(["path"]);

export function openStorage() {
  // Private windows and some intranet policies forbid localStorage: work without it.
  try {
    const probe = `${COURSE_PREFIX}probe`;
    window.localStorage.setItem(probe, "1");
    window.localStorage.removeItem(probe);
    return window.localStorage;
  } catch (err) {
    return null;
  }
}

const isPlainObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);
const unitKey = (field, part) => JSON.stringify(part === undefined ? [field] : [field, part]);

/** The answers as a Map of answer key -> value (one per statement, candidate or step). */
export function toUnits(answers) {
  const units = new Map();
  if (!isPlainObject(answers)) return units;
  for (const [field, value] of Object.entries(answers)) {
    if (!Array.isArray(value)) units.set(unitKey(field), value);
    else if (SEQUENCES.has(field)) value.forEach((item, index) => units.set(unitKey(field, index), item));
    else for (const item of value) units.set(unitKey(field, item), true);
  }
  return units;
}

/** Answers rebuilt from units; ``skeleton`` (the empty answers) gives the list fields. */
export function fromUnits(units, stamps, skeleton) {
  const answers = {};
  for (const [field, value] of Object.entries(isPlainObject(skeleton) ? skeleton : {})) {
    if (Array.isArray(value)) answers[field] = [];
  }
  const steps = new Map();
  for (const [key, value] of units) {
    const parts = JSON.parse(key);
    const [field, part] = parts;
    if (parts.length === 1) answers[field] = value;
    else if (SEQUENCES.has(field)) {
      if (!steps.has(field)) steps.set(field, []);
      steps.get(field).push([part, value, stamps.get(key) || 0]);
    } else (answers[field] ||= []).push(part);
  }
  for (const [field, entries] of steps) {
    // A walk stops at a gap, or where a step is older than the one before it: that
    // step was chosen after another choice that has since been changed.
    entries.sort((a, b) => a[0] - b[0]);
    const walk = [];
    let last = 0;
    for (const [index, value, stamp] of entries) {
      if (index !== walk.length || stamp < last) break;
      walk.push(value);
      last = stamp;
    }
    answers[field] = walk;
  }
  return answers;
}

// What storage may hold for each kind, checked against the exercise's spec.
const CHECKS = {
  questionnaire(spec) {
    const ids = new Set(spec.statements.map((s) => s.id));
    const { min, max } = spec.scale;
    return ([field], value) => ids.has(field) && Number.isInteger(value) && value >= min && value <= max;
  },
  composition(spec) {
    const ids = new Set(spec.candidates.map((c) => c.id));
    return ([field, part], value) => field === "selected" && ids.has(part) && value === true;
  },
  scenario(spec) {
    const choices = new Set(spec.steps.flatMap((step) => step.choices.map((c) => c.id)));
    // "seed" orders a shuffled check's options, one per trainee (scenario.js).
    const seed = (value) => Number.isInteger(value) && value >= 0 && value <= 0xffffffff;
    return ([field, part], value) => (field === "path" && Number.isInteger(part) && part >= 0 && choices.has(value))
      || (field === "seed" && part === undefined && seed(value));
  },
};

function validStamp(value) {
  return Number.isFinite(value) && value >= 0;
}

/**
 * The stored entry of one exercise, checked: ``{units, stamps, removed, damaged}``.
 * ``damaged`` is true when anything was dropped (unreadable entry, foreign values).
 */
export function readEntry(raw, kind, spec) {
  const empty = { units: new Map(), stamps: new Map(), removed: new Map(), damaged: false };
  if (raw === null || raw === undefined) return empty;
  let data;
  try {
    data = JSON.parse(raw);
  } catch (err) {
    return { ...empty, damaged: true };
  }
  if (!isPlainObject(data) || !isPlainObject(data.answers)) return { ...empty, damaged: true };
  const accept = CHECKS[kind] ? CHECKS[kind](spec) : () => true;
  // Entries written before answers carried their own time count from the save time.
  const saved = Date.parse(data.saved) || 0;
  const stampsIn = isPlainObject(data.stamps) ? data.stamps : {};
  const entry = { ...empty, units: new Map(), stamps: new Map(), removed: new Map() };
  for (const [key, value] of toUnits(data.answers)) {
    if (!accept(JSON.parse(key), value)) {
      entry.damaged = true;
      continue;
    }
    entry.units.set(key, value);
    entry.stamps.set(key, validStamp(stampsIn[key]) ? stampsIn[key] : saved);
  }
  if (isPlainObject(data.removed)) {
    for (const [key, stamp] of Object.entries(data.removed)) {
      if (validStamp(stamp) && !entry.units.has(key)) entry.removed.set(key, stamp);
    }
  }
  return entry;
}

/** The entry as stored: the answers themselves plus the time of each change. */
export function writeEntry(entry, skeleton) {
  return JSON.stringify({
    answers: fromUnits(entry.units, entry.stamps, skeleton),
    saved: new Date().toISOString(),
    stamps: Object.fromEntries(entry.stamps),
    removed: Object.fromEntries(entry.removed),
  });
}

/** Per answer, the side that changed it last; ``ours`` wins a tie. */
export function mergeEntries(ours, theirs) {
  const merged = { units: new Map(), stamps: new Map(), removed: new Map(), damaged: false };
  const keys = new Set([...ours.units.keys(), ...ours.removed.keys(), ...theirs.units.keys(), ...theirs.removed.keys()]);
  const time = (side, key) => (side.units.has(key) ? side.stamps.get(key) : side.removed.get(key)) ?? -1;
  for (const key of keys) {
    const side = time(theirs, key) > time(ours, key) ? theirs : ours;
    if (side.units.has(key)) {
      merged.units.set(key, side.units.get(key));
      merged.stamps.set(key, side.stamps.get(key));
    } else {
      merged.removed.set(key, side.removed.get(key));
    }
  }
  return merged;
}

/** ``entry`` after the trainee changed the answers to ``answers`` at time ``now``. */
export function applyAnswers(entry, answers, now) {
  const next = toUnits(answers);
  const changed = { units: new Map(), stamps: new Map(entry.stamps), removed: new Map(entry.removed), damaged: false };
  for (const [key, value] of next) {
    changed.units.set(key, value);
    if (!entry.units.has(key) || JSON.stringify(entry.units.get(key)) !== JSON.stringify(value)) {
      changed.stamps.set(key, now);
      changed.removed.delete(key);
    }
  }
  for (const key of entry.units.keys()) {
    if (!next.has(key)) {
      changed.stamps.delete(key);
      changed.removed.set(key, now);
    }
  }
  return changed;
}

/**
 * How far the answers go, in the same terms for every exercise type: ``answered`` (the
 * statements answered, the scenario's choices made, the candidates picked),
 * ``remaining`` (the fewest further answers that finish the exercise: the statements
 * not answered; the choices to the scenario's nearest end; the candidates still needed
 * for the smallest network the exercise asks for) and ``done`` (nothing remaining).
 * ``result`` is the type module's compute() of the same answers.
 */
export function progressOf(kind, spec, answers, result) {
  const of = (answered, remaining) => ({ done: remaining === 0, answered, remaining });
  if (kind === "scenario") return of(result.steps.length, result.finished ? 0 : choicesToEnd(spec, result.current));
  if (kind === "questionnaire") return of(result.answered, result.total - result.answered);
  const chosen = isPlainObject(answers) && Array.isArray(answers.selected) ? answers.selected.length : 0;
  return of(chosen, Math.max(((spec.size && spec.size.min) || 1) - chosen, 0));
}

// The fewest choices from step ``from`` to an end of the scenario (a choice with no next step).
function choicesToEnd(spec, from) {
  const steps = new Map(spec.steps.map((step) => [step.id, step]));
  const seen = new Set([from]);
  let level = [from];
  for (let count = 1; level.length; count += 1) {
    const next = [];
    for (const choice of level.flatMap((id) => steps.get(id)?.choices ?? [])) {
      if (choice.next === null) return count;
      if (!seen.has(choice.next)) next.push(choice.next);
      seen.add(choice.next);
    }
    level = next;
  }
  return 1; // a checked spec has an end on every path; never report a walk as finished
}

let lastStamp = 0;
/** A time that never repeats or runs back within this page, for ordering changes. */
export function nextStamp() {
  lastStamp = Math.max(Date.now(), lastStamp + 1);
  return lastStamp;
}

/** Remove everything this course keeps in this browser (answers, nickname, path), here and in other tabs. */
export function wipeCourse(store = openStorage()) {
  if (store) clearCourse(store);
  window.dispatchEvent(new CustomEvent(CLEARED_EVENT));
}

function clearCourse(store) {
  const keys = [];
  for (let i = 0; i < store.length; i++) {
    const key = store.key(i);
    if (key && key.startsWith(COURSE_PREFIX)) keys.push(key);
  }
  keys.forEach((key) => store.removeItem(key));
}
