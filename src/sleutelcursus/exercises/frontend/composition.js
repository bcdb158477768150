// Composition exercise: the trainee picks candidates from a pool and sees at once how
// balanced the network is (pairs, neighbourhoods, roles, risks, size, core group, score).
// Answers: {"selected": [candidate ids]}. `compute` takes the steps of the Python package
// exercises/composition (index.py, engine.py, core_group.py, feedback.py: the rules are
// in their docstrings) in the same order, with the same tie-breaks, so both engines give
// identical results; tests/test_composition_agreement.py compares them.

const PLACEHOLDER = /\{([A-Za-z0-9_]+)\}/;
const INDEX = new WeakMap();

// Integers only, as in Python: p/q rounded half up, and rounded down.
const div = (p, q) => Math.floor((2 * p + q) / (2 * q));
const floorDiv = (p, q) => Math.floor(p / q);
const has = (obj, key) => Object.prototype.hasOwnProperty.call(obj, key);
// Candidate ids are ASCII slugs, so `<` orders them as Python's string order does.
const byId = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

// ---------------------------------------------------------------- index (index.py)

function fillPieces(pieces, values) {
  // From String.split with a group: even pieces are text, odd pieces placeholder names.
  return pieces.map((piece, j) => {
    if (j % 2 === 0) return piece;
    return has(values, piece) ? String(values[piece]) : `{${piece}}`;
  }).join("");
}

const fill = (index, key, values) => fillPieces(index.templates[key], values);

function groupBy(order, keyOf) {
  const groups = new Map();
  for (const i of order) {
    const key = keyOf(i);
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(i);
  }
  return [...groups.values()];
}

function indexOf(spec) {
  let index = INDEX.get(spec);
  if (index) return index;
  const cands = spec.candidates;
  const firstSides = spec.pairs.map((pair) => new Set(pair.sides[0].values));
  const profiles = cands.map((c) => spec.pairs.map((pair, p) => (firstSides[p].has(c[pair.column]) ? 0 : 1)));
  const risks = cands.map((c) => spec.risk_kinds.filter((kind) => c[kind.column]).map((kind) => [kind.id, c[kind.column]]));
  const numbers = new Map();
  const signatures = [];
  const sig = cands.map((c, i) => {
    const key = JSON.stringify([c.wijk, c.rollen, profiles[i]]);
    if (!numbers.has(key)) {
      numbers.set(key, signatures.length);
      signatures.push([c.wijk, c.rollen, profiles[i]]);
    }
    return numbers.get(key);
  });
  const byIdOrder = cands.map((c, i) => i).sort((a, b) => byId(cands[a].id, cands[b].id));
  const order = [...byIdOrder].sort((a, b) => cands[b].rollen.length - cands[a].rollen.length); // stable
  const rank = [];
  order.forEach((i, place) => { rank[i] = place; });
  const templates = {};
  for (const [key, text] of Object.entries(spec.messages)) templates[key] = text.split(PLACEHOLDER);
  const labels = Object.fromEntries(spec.risk_kinds.map((kind) => [kind.id, kind.label]));
  index = {
    position: new Map(cands.map((c, i) => [c.id, i])),
    ids: cands.map((c) => c.id),
    profiles,
    signatures,
    sig,
    risks,
    rank,
    byCover: groupBy(byIdOrder, (i) => JSON.stringify([cands[i].wijk, cands[i].rollen])),
    byProfile: groupBy(order, (i) => profiles[i].join(",")),
    templates,
    riskAdvice: cands.map((c, i) => risks[i].map(([kind, note]) => fillPieces(templates.risk, { name: c.naam, risk: labels[kind], note }))),
  };
  INDEX.set(spec, index);
  return index;
}

// ---------------------------------------------------------------- core group (core_group.py)

function cover(cands, ids, heads) {
  const wijken = new Set();
  const roles = new Set();
  const picked = [];
  for (;;) {
    let [best, bestGain] = [-1, 0];
    for (const i of heads) {
      const gain = (wijken.has(cands[i].wijk) ? 0 : 1) + cands[i].rollen.filter((role) => !roles.has(role)).length;
      if (gain > bestGain || (gain === bestGain && gain > 0 && ids[i] < ids[best])) [best, bestGain] = [i, gain];
    }
    if (best < 0) return [picked, wijken, roles];
    picked.push(best);
    wijken.add(cands[best].wijk);
    cands[best].rollen.forEach((role) => roles.add(role));
  }
}

function fillCore(pairs, index, marks, picked, k) {
  const need = k - picked.length;
  if (need <= 0) return;
  const { risks, profiles, rank } = index;
  const taken = new Set(picked);
  const queues = [];
  for (const members of index.byProfile) {
    const queue = [];
    for (const i of members) {
      if (queue.length === need) break;
      if (marks[i] && !risks[i].length && !taken.has(i)) queue.push(i);
    }
    if (queue.length) queues.push(queue);
  }
  const ones = pairs.map((pair, p) => picked.filter((i) => profiles[i][p] === 0).length);
  const heads = queues.map(() => 0);
  while (picked.length < k) {
    let [best, bestCost] = [-1, 0];
    const m = picked.length + 1;
    queues.forEach((queue, q) => {
      if (heads[q] === queue.length) return;
      const profile = profiles[queue[heads[q]]];
      let cost = 0;
      for (let p = 0; p < pairs.length; p++) cost += Math.abs(100 * (ones[p] + (profile[p] === 0 ? 1 : 0)) - pairs[p].target * m);
      if (best < 0 || cost < bestCost || (cost === bestCost && rank[queue[heads[q]]] < rank[queues[best][heads[best]]])) {
        [best, bestCost] = [q, cost];
      }
    });
    if (best < 0) return;
    const chosen = queues[best][heads[best]];
    heads[best] += 1;
    picked.push(chosen);
    profiles[chosen].forEach((side, p) => { if (side === 0) ones[p] += 1; });
  }
}

function coreGroup(spec, index, marks, n, covered, present) {
  const heads = [];
  for (const members of index.byCover) {
    const head = members.find((i) => marks[i] && !index.risks[i].length);
    if (head !== undefined) heads.push(head);
  }
  if (!heads.length) return null;
  const [picked, wijken, roles] = cover(spec.candidates, index.ids, heads);
  const size = spec.size;
  fillCore(spec.pairs, index, marks, picked, Math.min(size.small_max, Math.max(size.min, Math.floor((n + 2) / 3))));
  return {
    members: picked.map((i) => index.ids[i]),
    missing_neighbourhoods: covered.filter((w) => !wijken.has(w)),
    missing_roles: present.filter((r) => !roles.has(r)),
  };
}

// ---------------------------------------------------------------- numbers (engine.py)

export function compute(spec, answers) {
  const index = indexOf(spec);
  const marks = new Uint8Array(index.ids.length);
  const isMapping = answers !== null && typeof answers === "object" && !Array.isArray(answers);
  if (isMapping && Array.isArray(answers.selected)) {
    for (const id of answers.selected) {
      if (typeof id === "string" && index.position.has(id)) marks[index.position.get(id)] = 1;
    }
  }
  const positions = [];
  marks.forEach((mark, i) => { if (mark) positions.push(i); });
  const n = positions.length;

  // Totals per signature, then per pair, neighbourhood and role (engine.py says why).
  const perSignature = index.signatures.map(() => 0);
  for (const i of positions) perSignature[index.sig[i]] += 1;
  const pairOnes = spec.pairs.map(() => 0);
  const wijkCounts = Object.create(null);
  const roleCounts = Object.create(null);
  spec.neighbourhoods.forEach((name) => { wijkCounts[name] = 0; });
  spec.roles.forEach((role) => { roleCounts[role.id] = 0; });
  index.signatures.forEach(([wijk, rollen, profile], s) => {
    const count = perSignature[s];
    if (!count) return;
    wijkCounts[wijk] += count;
    for (const role of rollen) roleCounts[role] += count;
    profile.forEach((side, p) => { if (side === 0) pairOnes[p] += count; });
  });

  const pairs = spec.pairs.map((pair, p) => pairResult(pair, pairOnes[p], n));
  const roleIds = spec.roles.map((role) => role.id);
  const covered = spec.neighbourhoods.filter((name) => wijkCounts[name] > 0);
  const present = roleIds.filter((id) => roleCounts[id] > 0);
  const neighbourhoods = { covered, missing: spec.neighbourhoods.filter((name) => wijkCounts[name] === 0),
    counts: wijkCounts, score: floorDiv(100 * covered.length, spec.neighbourhoods.length) };
  const roles = { present, missing: roleIds.filter((id) => roleCounts[id] === 0),
    counts: roleCounts, score: floorDiv(100 * present.length, roleIds.length) };
  const risky = positions.filter((i) => index.risks[i].length > 0);
  const risks = risky.flatMap((i) => index.risks[i].map(([kind, note]) => ({ candidate: index.ids[i], kind, note })));
  const size = sizeResult(spec, index, marks, n, covered, present);
  const result = { pairs, neighbourhoods, roles, risks, size };
  result.warnings = warningsOf(result, risky);
  result.scoring = scoringOf(spec, result, risky);
  result.score = result.scoring.score;
  return Object.assign(result, sentences(spec, index, result, risky));
}

function pairResult(pair, a, n) {
  const result = { id: pair.id, label: pair.label, counts: [a, n - a], share: null, target: pair.target,
    tolerance: pair.tolerance, deviation: null, status: "leeg", score: 0 };
  if (n === 0) return result;
  const share = div(100 * a, n);
  const deviation = share - pair.target;
  Object.assign(result, { share, deviation, status: "balanced", score: 100 });
  if (Math.abs(deviation) > pair.tolerance) {
    const short = deviation < 0 ? 0 : 1;
    const extreme = short === 0 ? pair.target : 100 - pair.target;
    result.status = `te weinig ${pair.sides[short].label}`;
    result.score = div(100 * (extreme - Math.abs(deviation)), extreme - pair.tolerance);
  }
  return result;
}

function sizeResult(spec, index, marks, n, covered, present) {
  const size = spec.size;
  const group = n >= size.core_group_from ? coreGroup(spec, index, marks, n, covered, present) : null;
  const band = n < size.min ? "te klein" : n <= size.small_max ? "klein" : "groot";
  const result = { n, band, advice: "", core_group: group };
  result.advice = sizeAdvice(spec, index, result);
  return result;
}

function warningsOf(result, risky) {
  const checks = [
    ["risks", risky.length > 0],
    ["size", result.size.band === "te klein"],
    ["pairs", result.pairs.some((pair) => pair.status !== "balanced" && pair.status !== "leeg")],
    ["neighbourhoods", result.neighbourhoods.missing.length > 0],
    ["roles", result.roles.missing.length > 0],
  ];
  return checks.filter(([, holds]) => holds).map(([name]) => name);
}

function scoringOf(spec, result, risky) {
  const [w, caps] = [spec.weights, spec.caps];
  // Rounded down: a part is 100 only when all of it is in order.
  const parts = { pairs: floorDiv(result.pairs.reduce((sum, pair) => sum + pair.score, 0), result.pairs.length),
    neighbourhoods: result.neighbourhoods.score, roles: result.roles.score };
  const total = w.pairs + w.neighbourhoods + w.roles;
  const average = floorDiv(w.pairs * parts.pairs + w.neighbourhoods * parts.neighbourhoods + w.roles * parts.roles, total);
  const penalty = w.risk * result.risks.length;
  const limits = [];
  if (risky.length) limits.push({ reason: "risk", cap: caps.risk });
  if (result.size.band === "te klein") limits.push({ reason: "too_small", cap: caps.too_small });
  let score = Math.max(0, average - penalty);
  for (const limit of limits) score = Math.min(score, limit.cap);
  const shares = Object.fromEntries(Object.keys(parts).map((key) => [key, div(100 * w[key], total)]));
  return { parts, shares, average, penalty, limits, score };
}

// ---------------------------------------------------------------- sentences (feedback.py)

function joinNl(words) {
  if (words.length < 2) return words.join("");
  return `${words.slice(0, -1).join(", ")} en ${words[words.length - 1]}`;
}

function sizeAdvice(spec, index, size) {
  const values = { n: size.n, ...spec.size };
  let key = { "te klein": "size_too_small", klein: "size_small", groot: "size_large" }[size.band];
  if (size.core_group !== null) {
    key = "size_core_group";
    const names = size.core_group.members.map((id) => spec.candidates[index.position.get(id)].naam);
    Object.assign(values, { core_group: joinNl(names), core_group_size: names.length });
  }
  return fill(index, key, values);
}

function sentences(spec, index, result, risky) {
  if (result.size.n === 0) {
    const empty = fill(index, "empty", {});
    return { headline: empty, advice: [empty], explanation: [fill(index, "explain_empty", {})] };
  }
  return { headline: headline(spec, index, result, risky), advice: advise(spec, index, result, risky),
    explanation: explain(spec, index, result) };
}

function offPairs(result) {
  const pairs = result.pairs;
  const off = pairs.map((pair, i) => i).filter((i) => pairs[i].status !== "balanced");
  return off.sort((a, b) => pairs[a].score - pairs[b].score || a - b);
}

const shortSide = (result, i) => (result.pairs[i].deviation < 0 ? 0 : 1);

function missingRoles(spec, index, result) {
  const missing = result.roles.missing;
  const labels = Object.fromEntries(spec.roles.map((role) => [role.id, role.label]));
  return fill(index, missing.length === 1 ? "role_missing" : "roles_missing", { roles: joinNl(missing.map((id) => labels[id])) });
}

const missingNeighbourhoods = (index, result) => fill(index, "neighbourhoods_missing", { neighbourhoods: joinNl(result.neighbourhoods.missing) });

function headline(spec, index, result, risky) {
  const warnings = result.warnings;
  if (warnings.includes("risks")) {
    const names = risky.map((i) => spec.candidates[i].naam);
    return fill(index, names.length === 1 ? "headline_risk" : "headline_risks", { names: joinNl(names), count: names.length });
  }
  if (warnings.includes("size")) return result.size.advice;
  if (warnings.includes("pairs")) {
    const off = offPairs(result);
    const shortages = off.map((i) => `te weinig ${spec.pairs[i].sides[shortSide(result, i)].label}`);
    return fill(index, "headline_pairs", { shortages: joinNl(shortages), count: off.length });
  }
  if (warnings.includes("neighbourhoods")) return missingNeighbourhoods(index, result);
  if (warnings.includes("roles")) return missingRoles(spec, index, result);
  return fill(index, "all_balanced", {});
}

function advise(spec, index, result, risky) {
  const size = result.size;
  const n = size.n;
  const advice = risky.flatMap((i) => index.riskAdvice[i]);
  if (size.band === "te klein") advice.push(size.advice);
  for (const i of offPairs(result)) {
    const [pair, part] = [spec.pairs[i], result.pairs[i]];
    const short = shortSide(result, i);
    advice.push(fill(index, "pair_off", {
      pair: pair.label, side: pair.sides[short].label, count: part.counts[short], n,
      side_share: short === 0 ? part.share : 100 - part.share,
      side_target: short === 0 ? pair.target : 100 - pair.target,
      tolerance: pair.tolerance,
    }));
  }
  if (result.neighbourhoods.missing.length) advice.push(missingNeighbourhoods(index, result));
  if (result.roles.missing.length) advice.push(missingRoles(spec, index, result));
  if (!result.warnings.length) advice.push(fill(index, "all_balanced", {}));
  if (size.band !== "te klein") advice.push(size.advice);
  return advice;
}

function explain(spec, index, result) {
  const [scoring, w] = [result.scoring, spec.weights];
  const [parts, nb, roles] = [scoring.parts, result.neighbourhoods, result.roles];
  const balanced = result.pairs.filter((pair) => pair.status === "balanced").length;
  const lines = [
    fill(index, "explain_pairs", { score: parts.pairs, balanced, total: result.pairs.length }),
    fill(index, "explain_neighbourhoods", { score: parts.neighbourhoods, covered: nb.covered.length,
      total: nb.covered.length + nb.missing.length }),
    fill(index, "explain_roles", { score: parts.roles, present: roles.present.length,
      total: roles.present.length + roles.missing.length }),
    fill(index, "explain_average", { average: scoring.average,
      ...Object.fromEntries(Object.entries(scoring.shares).map(([key, share]) => [`share_${key}`, share])) }),
  ];
  if (scoring.penalty) lines.push(fill(index, "explain_penalty", { count: result.risks.length, points: w.risk, penalty: scoring.penalty }));
  for (const limit of scoring.limits) lines.push(fill(index, `explain_cap_${limit.reason}`, { cap: limit.cap, min: spec.size.min }));
  lines.push(fill(index, "explain_total", { score: scoring.score }));
  return lines;
}

// ---------------------------------------------------------------- rendering

let mountCount = 0;

function h(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "className") node.className = value;
    else if (key === "text") node.textContent = value;
    else node.setAttribute(key, value);
  }
  node.append(...children);
  return node;
}

function candidateItem(spec, c, prefix, roleLabels) {
  const boxId = `${prefix}-k-${c.id}`;
  const detailsId = `${prefix}-d-${c.id}`;
  const roles = c.rollen.map((id) => roleLabels[id]).join(", ") || "geen rol";
  const box = h("input", { type: "checkbox", id: boxId, value: c.id, "aria-describedby": detailsId });
  const label = h("label", { for: boxId }, [
    h("span", { className: "sc-comp-name", text: c.naam }),
    h("span", { className: "sc-comp-meta", text: `${c.wijk} · ${c.leeftijd} jaar · ${roles}` }),
  ]);
  const tags = spec.pairs.map((pair) => pair.sides.find((side) => side.values.includes(c[pair.column])).tag);
  const details = h("div", { id: detailsId, className: "sc-comp-details" }, [
    h("p", { className: "sc-comp-tags", text: tags.join(" · ") }),
    h("p", { className: "sc-comp-bio", text: c.bio }),
  ]);
  for (const kind of spec.risk_kinds.filter((k) => c[k.column])) {
    details.append(h("p", { className: "sc-comp-risk sc-risky" }, [h("strong", { text: `Let op: ${kind.label}.` }), ` ${c[kind.column]}`]));
  }
  return { item: h("li", {}, [h("div", { className: "sc-comp-choice" }, [box, label]), details]), box, c };
}

function section(title, children) {
  return h("section", { className: "sc-comp-section" }, [h("h5", { text: title }), ...children]);
}

const warn = (text) => h("p", { className: "sc-risky", text: `! ${text}` });

function pairView(pairSpec, result) {
  const [one, two] = pairSpec.sides;
  const fillBar = h("span");
  fillBar.style.width = `${result.share === null ? 0 : result.share}%`;
  const band = h("span", { className: "sc-comp-band" });
  const [low, high] = [Math.max(0, result.target - result.tolerance), Math.min(100, result.target + result.tolerance)];
  band.style.left = `${low}%`;
  band.style.width = `${high - low}%`;
  const now = result.share === null ? "" : ` Nu ${result.share}% ${one.tag}.`;
  let status = h("p", { className: "sc-fits", text: "✓ In balans" });
  if (result.status === "leeg") status = h("p", { className: "sc-muted", text: "Nog niemand gekozen" });
  else if (result.status !== "balanced") status = warn(result.status[0].toUpperCase() + result.status.slice(1));
  return h("li", { className: "sc-comp-pair" }, [
    h("strong", { text: pairSpec.label }),
    h("div", { className: "sc-bar", "aria-hidden": "true" }, [fillBar, band]),
    h("p", { text: `${one.label}: ${result.counts[0]}, ${two.label}: ${result.counts[1]}.${now} `
      + `Doel: ${result.target}% ${one.tag}; van ${low} tot ${high}% is goed.` }),
    status,
  ]);
}

function panel(spec, result, names, roleLabels) {
  const nb = result.neighbourhoods;
  const kinds = Object.fromEntries(spec.risk_kinds.map((kind) => [kind.id, kind.label]));
  const size = result.size;
  const sizePart = section(`Grootte: ${size.n} ${size.n === 1 ? "persoon" : "mensen"} (${size.band})`, [h("p", { text: size.advice })]);
  if (size.core_group !== null) {
    const core = size.core_group;
    sizePart.append(h("p", { text: `Voorstel voor de kerngroep (${core.members.length}):` }),
      h("ul", {}, core.members.map((id) => h("li", { text: names.get(id) }))));
    const gaps = [...core.missing_neighbourhoods, ...core.missing_roles.map((id) => roleLabels[id])];
    if (gaps.length) sizePart.append(warn(`Niet in de kerngroep, omdat alleen mensen met een waarschuwing dit dekken: ${gaps.join(", ")}.`));
  }
  const risks = result.risks.map((risk) => h("li", { className: "sc-risky", text: `! ${names.get(risk.candidate)}: ${kinds[risk.kind]}. ${risk.note}` }));
  return [
    section("Verhoudingen", [h("ul", { className: "sc-comp-pairs" }, spec.pairs.map((pair, i) => pairView(pair, result.pairs[i])))]),
    section(`Wijken (${nb.covered.length} van ${spec.neighbourhoods.length})`, [
      h("p", { text: nb.covered.length ? `Met iemand: ${nb.covered.map((w) => `${w} (${nb.counts[w]})`).join(", ")}.` : "Nog geen enkele wijk." }),
      ...(nb.missing.length ? [warn(`Nog niemand uit: ${nb.missing.join(", ")}.`)] : []),
    ]),
    section("Rollen", [h("ul", {}, spec.roles.map((role) => {
      const count = result.roles.counts[role.id];
      return count ? h("li", { text: `${role.label}: ${count}` }) : h("li", { className: "sc-risky", text: `! ${role.label}: ontbreekt` });
    }))]),
    section("Mogelijke stoorzenders", risks.length ? [h("ul", {}, risks)] : [h("p", { text: "Geen waarschuwingen bij je keuze." })]),
    sizePart,
    section("Advies", [h("ol", { className: "sc-comp-advice" }, result.advice.map((line) => h("li", { text: line })))]),
    section("Hoe komt je score tot stand?", [
      h("ul", { className: "sc-comp-explanation" }, result.explanation.map((line) => h("li", { text: line }))),
      h("p", { className: "sc-comp-note", text: spec.messages.targets_note }),
    ]),
  ];
}

function select(id, label, all, options) {
  const node = h("select", { id }, [h("option", { value: "", text: all }), ...options.map(([value, text]) => h("option", { value, text }))]);
  return [node, h("div", {}, [h("label", { for: id, text: label }), node])];
}

export default {
  render({ model, el }) {
    mountCount += 1;
    const prefix = `${model.get("exercise_id")}-composition${mountCount}`;
    const spec = model.get("spec");
    const roleLabels = Object.fromEntries(spec.roles.map((role) => [role.id, role.label]));
    const names = new Map(spec.candidates.map((c) => [c.id, c.naam]));

    const root = h("div", { className: "sc-exercise sc-composition" }, [h("h3", { text: spec.title })]);
    if (spec.intro) root.append(h("p", { text: spec.intro }));
    const explained = spec.roles.filter((role) => role.explanation);
    if (explained.length) {
      root.append(h("details", { className: "sc-comp-help" }, [
        h("summary", { text: "Wat betekenen de rollen?" }),
        h("dl", {}, explained.flatMap((role) => [h("dt", { text: role.label }), h("dd", { text: role.explanation })])),
      ]));
    }
    const [wijkSelect, wijkField] = select(`${prefix}-wijk`, "Wijk", "Alle wijken", spec.neighbourhoods.map((w) => [w, w]));
    const [roleSelect, roleField] = select(`${prefix}-rol`, "Rol", "Alle rollen", spec.roles.map((role) => [role.id, role.label]));
    const count = h("p", { className: "sc-comp-count sc-muted" });
    const items = spec.candidates.map((c) => candidateItem(spec, c, prefix, roleLabels));
    const list = h("ul", { className: "sc-comp-list" }, items.map(({ item }) => item));
    const pool = h("div", { className: "sc-comp-pool" }, [
      h("fieldset", { className: "sc-comp-filters" }, [h("legend", { text: "Filter de lijst" }), wijkField, roleField]),
      count,
      h("fieldset", {}, [h("legend", { text: "Kandidaten: kies wie in het netwerk komt" }), list]),
    ]);
    const summary = h("div", { className: "sc-comp-summary", "aria-live": "polite", "aria-atomic": "true" });
    const details = h("div");
    const feedback = h("section", { className: "sc-feedback sc-comp-feedback", "aria-labelledby": `${prefix}-uitkomst` }, [
      h("h4", { id: `${prefix}-uitkomst`, text: "Jouw netwerk" }), summary, details,
    ]);
    root.append(h("div", { className: "sc-comp-layout" }, [pool, feedback]));
    el.append(root);

    let shownAnswers;
    let chosen = new Set();
    const showCount = () => {
      const visible = items.filter(({ item }) => !item.hidden).length;
      count.textContent = `${visible} van ${items.length} kandidaten zichtbaar. ${chosen.size} gekozen.`;
    };
    const update = () => {
      shownAnswers = model.get("answers");
      const result = compute(spec, shownAnswers);
      const selected = shownAnswers && Array.isArray(shownAnswers.selected) ? shownAnswers.selected : [];
      chosen = new Set(selected.filter((id) => names.has(id)));
      for (const { box, c } of items) if (box.checked !== chosen.has(c.id)) box.checked = chosen.has(c.id);
      // Rewrite the live region only when its words change, so nothing is re-announced.
      const said = `${result.score} ${result.headline}`;
      if (summary.dataset.said !== said) {
        summary.dataset.said = said;
        summary.replaceChildren(h("p", { className: "sc-comp-score" }, [h("strong", { text: `Score: ${result.score} van 100.` })]),
          h("p", { className: "sc-comp-headline", text: result.headline }));
      }
      details.replaceChildren(...panel(spec, result, names, roleLabels));
      showCount();
    };
    const filter = () => {
      for (const { item, c } of items) {
        item.hidden = (wijkSelect.value !== "" && c.wijk !== wijkSelect.value)
          || (roleSelect.value !== "" && !c.rollen.includes(roleSelect.value));
      }
      showCount();
    };
    const toggle = (event) => {
      const box = event.target;
      if (box.type !== "checkbox") return;
      const next = new Set(chosen);
      if (box.checked) next.add(box.value);
      else next.delete(box.value);
      // Pool order, so the stored answers do not depend on the order of clicks.
      const answers = { selected: spec.candidates.filter((c) => next.has(c.id)).map((c) => c.id) };
      model.set("answers", answers);
      model.save_changes();
      if (shownAnswers !== answers) update(); // a model that echoes the change has updated already
    };
    const onChange = () => {
      if (model.get("answers") !== shownAnswers) update();
    };
    list.addEventListener("change", toggle);
    wijkSelect.addEventListener("change", filter);
    roleSelect.addEventListener("change", filter);
    model.on("change:answers", onChange);
    update();
    return () => {
      // The DOM listeners go with the removed nodes; the model outlives this view.
      model.off("change:answers", onChange);
      root.remove();
    };
  },
};
