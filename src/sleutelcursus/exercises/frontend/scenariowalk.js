// The scenario's walk, without rendering: the trainee's path of choice ids is followed
// from the start step exactly as exercises/scenario.py does it (the tests compare both),
// and each step's options are ordered by the stored seed when the spec shuffles them.
// A scenario may lead back to a step already passed ("again"): the page says so.

export const ASSESSMENTS = ["fits", "risky", "advised_against"];

export function isMapping(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function readPath(answers) {
  if (!isMapping(answers)) return [[], false];
  if (!Object.prototype.hasOwnProperty.call(answers, "path")) return [[], true];
  return Array.isArray(answers.path) ? [answers.path, true] : [[], false];
}

// mulberry32 and a Fisher-Yates shuffle taking next() % (i + 1): the same sequence
// as exercises/seeded_order.py, so a stored seed gives one order in every host.
const MAX_SEED = 0xffffffff;

export function validSeed(value) {
  return Number.isInteger(value) && value >= 0 && value <= MAX_SEED ? value : null;
}

function mulberry32(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state) >>> 0;
    t = ((t + (Math.imul(t ^ (t >>> 7), 61 | t) >>> 0)) >>> 0) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  };
}

function shuffled(items, next) {
  const result = items.slice();
  for (let i = result.length - 1; i > 0; i -= 1) {
    const j = next() % (i + 1);
    [result[i], result[j]] = [result[j], result[i]];
  }
  return result;
}

export function optionOrder(spec, answers) {
  const seed = isMapping(answers) ? validSeed(answers.seed) : null;
  const order = {};
  const next = spec.shuffle && seed !== null ? mulberry32(seed) : null;
  for (const step of spec.steps) {
    const ids = step.choices.map((choice) => choice.id);
    order[step.id] = next ? shuffled(ids, next) : ids;
  }
  return order;
}

function findChoice(step, choiceId) {
  if (typeof choiceId !== "string") return null;
  return step.choices.find((choice) => choice.id === choiceId) || null;
}

export function compute(spec, answers) {
  const read = readPath(answers);
  const path = read[0];
  let valid = read[1];
  const steps = new Map(spec.steps.map((step) => [step.id, step]));
  const counts = {};
  for (const name of ASSESSMENTS) counts[name] = 0;
  const walked = [];
  const seen = new Set();
  let current = spec.start;
  let last = null;
  for (const choiceId of path) {
    const choice = current === null ? null : findChoice(steps.get(current), choiceId);
    if (choice === null) {
      valid = false;
      break;
    }
    walked.push({ step: current, choice: choice.id, assessment: choice.assessment, next: choice.next, again: seen.has(current) });
    seen.add(current);
    counts[choice.assessment] += 1;
    current = choice.next;
    last = choice;
  }
  const finished = current === null;
  return {
    steps: walked,
    current,
    current_again: current !== null && seen.has(current),
    finished,
    reflection: finished ? last.reflection : null,
    step_back: finished && last.assessment !== "fits",
    counts,
    valid,
    order: optionOrder(spec, answers),
  };
}
