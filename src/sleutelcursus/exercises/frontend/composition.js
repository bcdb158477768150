// Composition exercise: pick candidates from a pool and see at once how balanced the network is.
// Answers: {"selected": [ids]}. `compute` takes the steps of the Python package exercises/composition
// (rules in its docstrings) in the same order, with the same tie-breaks; tests compare the two.

const PLACEHOLDER = /\{([A-Za-z0-9_]+)\}/;
const INDEX = new WeakMap();
// Integers only, as in Python: p/q rounded half up (rounded down is Math.floor(p / q)).
const div = (p, q) => Math.floor((2 * p + q) / (2 * q));
// Candidate ids are ASCII slugs, so `<` orders them as Python's string order does.
const byId = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

// ---------------------------------------------------------------- index (index.py)
// From String.split with a group: even pieces are text, odd pieces placeholder names.
const fillPieces = (pieces, values) => pieces.map((piece, j) => (j % 2 === 0 ? piece
  : Object.hasOwn(values, piece) ? String(values[piece]) : `{${piece}}`)).join("");
const fill = (index, key, values) => fillPieces(index.templates[key], values);

function groupBy(order, keyOf) {
  const groups = new Map();
  for (const i of order) { const key = keyOf(i); if (!groups.has(key)) groups.set(key, []); groups.get(key).push(i); }
  return [...groups.values()];
}

function indexOf(spec) {
  if (INDEX.has(spec)) return INDEX.get(spec);
  const cands = spec.candidates;
  const firstSides = spec.pairs.map((pair) => new Set(pair.sides[0].values));
  const profiles = cands.map((c) => spec.pairs.map((pair, p) => (firstSides[p].has(c[pair.column]) ? 0 : 1)));
  const risks = cands.map((c) => spec.risk_kinds.filter((kind) => c[kind.column]).map((kind) => [kind.id, c[kind.column]]));
  const byIdOrder = cands.map((c, i) => i).sort((a, b) => byId(cands[a].id, cands[b].id));
  const order = [...byIdOrder].sort((a, b) => cands[b].rollen.length - cands[a].rollen.length); // stable
  const rank = [];
  order.forEach((i, place) => { rank[i] = place; });
  const templates = Object.fromEntries(Object.entries(spec.messages).map(([key, text]) => [key, text.split(PLACEHOLDER)]));
  const labels = Object.fromEntries(spec.risk_kinds.map((kind) => [kind.id, kind.label]));
  const index = {
    position: new Map(cands.map((c, i) => [c.id, i])), ids: cands.map((c) => c.id), profiles, risks, rank,
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
  const [wijken, roles, picked] = [new Set(), new Set(), []];
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

function fillCore(pairs, { risks, profiles, rank, byProfile }, marks, picked, k) {
  const taken = new Set(picked);
  const queues = byProfile.map((members) => members.filter((i) => marks[i] && !risks[i].length && !taken.has(i))).filter((q) => q.length);
  const ones = pairs.map((pair, p) => picked.filter((i) => profiles[i][p] === 0).length);
  const heads = queues.map(() => 0);
  while (picked.length < k) {
    let [best, bestCost] = [-1, 0];
    const m = picked.length + 1;
    queues.forEach((queue, q) => {
      if (heads[q] === queue.length) return;
      const profile = profiles[queue[heads[q]]];
      const cost = pairs.reduce((sum, pair, p) => sum + Math.abs(100 * (ones[p] + (profile[p] === 0 ? 1 : 0)) - pair.target * m), 0);
      if (best < 0 || cost < bestCost || (cost === bestCost && rank[queue[heads[q]]] < rank[queues[best][heads[best]]])) {
        [best, bestCost] = [q, cost];
      }
    });
    if (best < 0) return;
    const chosen = queues[best][heads[best]++];
    picked.push(chosen);
    profiles[chosen].forEach((side, p) => { if (side === 0) ones[p] += 1; });
  }
}

function coreGroup(spec, index, marks, n, covered, present) {
  const heads = index.byCover.map((members) => members.find((i) => marks[i] && !index.risks[i].length)).filter((i) => i !== undefined);
  if (!heads.length) return null;
  const [picked, wijken, roles] = cover(spec.candidates, index.ids, heads);
  fillCore(spec.pairs, index, marks, picked, Math.min(spec.size.small_max, Math.max(spec.size.min, Math.floor((n + 2) / 3))));
  return { members: picked.map((i) => index.ids[i]), missing_neighbourhoods: covered.filter((w) => !wijken.has(w)),
    missing_roles: present.filter((r) => !roles.has(r)) };
}

// ---------------------------------------------------------------- numbers (engine.py)
export function compute(spec, answers) {
  const index = indexOf(spec);
  const marks = new Uint8Array(index.ids.length);
  const isMapping = answers !== null && typeof answers === "object" && !Array.isArray(answers);
  for (const id of isMapping && Array.isArray(answers.selected) ? answers.selected : []) {
    if (typeof id === "string" && index.position.has(id)) marks[index.position.get(id)] = 1;
  }
  const positions = [...marks.keys()].filter((i) => marks[i]);
  const n = positions.length;
  const pairOnes = spec.pairs.map(() => 0);
  const wijkCounts = Object.fromEntries(spec.neighbourhoods.map((name) => [name, 0]));
  const roleCounts = Object.fromEntries(spec.roles.map((role) => [role.id, 0]));
  for (const i of positions) {
    wijkCounts[spec.candidates[i].wijk] += 1;
    for (const role of spec.candidates[i].rollen) roleCounts[role] += 1;
    index.profiles[i].forEach((side, p) => { if (side === 0) pairOnes[p] += 1; });
  }
  const pairs = spec.pairs.map((pair, p) => pairResult(pair, pairOnes[p], n));
  const roleIds = spec.roles.map((role) => role.id);
  const covered = spec.neighbourhoods.filter((name) => wijkCounts[name] > 0);
  const present = roleIds.filter((id) => roleCounts[id] > 0);
  const neighbourhoods = { covered, missing: spec.neighbourhoods.filter((name) => wijkCounts[name] === 0),
    counts: wijkCounts, score: Math.floor((100 * covered.length) / spec.neighbourhoods.length) };
  const roles = { present, missing: roleIds.filter((id) => roleCounts[id] === 0),
    counts: roleCounts, score: Math.floor((100 * present.length) / roleIds.length) };
  const risky = positions.filter((i) => index.risks[i].length > 0);
  const risks = risky.flatMap((i) => index.risks[i].map(([kind, note]) => ({ candidate: index.ids[i], kind, note })));
  const size = spec.size;
  const group = n >= size.core_group_from ? coreGroup(spec, index, marks, n, covered, present) : null;
  const band = n < size.min ? "te klein" : n <= size.small_max ? "klein" : "groot";
  const result = { pairs, neighbourhoods, roles, risks, size: { n, band, advice: "", core_group: group } };
  result.size.advice = sizeAdvice(spec, index, result.size);
  result.warnings = [["risks", risky.length > 0], ["size", band === "te klein"],
    ["pairs", pairs.some((pair) => pair.status !== "balanced" && pair.status !== "leeg")],
    ["neighbourhoods", neighbourhoods.missing.length > 0], ["roles", roles.missing.length > 0],
  ].filter(([, holds]) => holds).map(([name]) => name);
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

function scoringOf(spec, result, risky) {
  const [w, caps] = [spec.weights, spec.caps];
  // Rounded down: a part is 100 only when all of it is in order.
  const parts = { pairs: Math.floor(result.pairs.reduce((sum, pair) => sum + pair.score, 0) / result.pairs.length),
    neighbourhoods: result.neighbourhoods.score, roles: result.roles.score };
  const total = w.pairs + w.neighbourhoods + w.roles;
  const average = Math.floor((w.pairs * parts.pairs + w.neighbourhoods * parts.neighbourhoods + w.roles * parts.roles) / total);
  const penalty = w.risk * result.risks.length;
  const limits = [];
  if (risky.length) limits.push({ reason: "risk", cap: caps.risk });
  if (result.size.band === "te klein") limits.push({ reason: "too_small", cap: caps.too_small });
  const score = limits.reduce((value, limit) => Math.min(value, limit.cap), Math.max(0, average - penalty));
  const shares = Object.fromEntries(Object.keys(parts).map((key) => [key, div(100 * w[key], total)]));
  return { parts, shares, average, penalty, limits, score };
}

// ---------------------------------------------------------------- sentences (feedback.py)
const joinNl = (words) => (words.length < 2 ? words.join("") : `${words.slice(0, -1).join(", ")} en ${words[words.length - 1]}`);
function sizeAdvice(spec, index, size) {
  const values = { n: size.n, ...spec.size };
  if (size.core_group === null) return fill(index, { "te klein": "size_too_small", klein: "size_small", groot: "size_large" }[size.band], values);
  const names = size.core_group.members.map((id) => spec.candidates[index.position.get(id)].naam);
  return fill(index, "size_core_group", { ...values, core_group: joinNl(names), core_group_size: names.length });
}

function sentences(spec, index, result, risky) {
  const empty = fill(index, "empty", {});
  if (result.size.n === 0) return { headline: empty, advice: [empty], explanation: [fill(index, "explain_empty", {})] };
  const found = problems(spec, index, result, risky);
  const balanced = found.length ? [] : [fill(index, "all_balanced", {})];
  const size = result.warnings.includes("size") ? [] : [result.size.advice];
  return { headline: found.length ? found[0][0] : balanced[0], advice: [...found.flatMap(([, lines]) => lines), ...balanced, ...size],
    explanation: explain(spec, index, result) };
}

// Per warning, in `warnings` order: its headline and its advice lines.
function problems(spec, index, result, risky) {
  const [found, warnings, n] = [[], result.warnings, result.size.n];
  const alone = (line) => found.push([line, [line]]); // a problem whose headline is its one advice line
  if (warnings.includes("risks")) {
    const names = risky.map((i) => spec.candidates[i].naam);
    const key = names.length === 1 ? "headline_risk" : "headline_risks";
    found.push([fill(index, key, { names: joinNl(names), count: names.length }), risky.flatMap((i) => index.riskAdvice[i])]);
  }
  if (warnings.includes("size")) alone(result.size.advice);
  if (warnings.includes("pairs")) {
    const parts = result.pairs;
    const off = parts.map((part, i) => i).filter((i) => parts[i].status !== "balanced").sort((a, b) => parts[a].score - parts[b].score || a - b);
    const [shortages, lines] = [[], []];
    for (const i of off) {
      const [pair, part, short] = [spec.pairs[i], parts[i], parts[i].deviation < 0 ? 0 : 1];
      shortages.push(`te weinig ${pair.sides[short].label}`);
      lines.push(fill(index, "pair_off", { pair: pair.label, side: pair.sides[short].label, count: part.counts[short], n,
        side_share: short === 0 ? part.share : 100 - part.share, side_target: short === 0 ? pair.target : 100 - pair.target,
        tolerance: pair.tolerance }));
    }
    found.push([fill(index, "headline_pairs", { shortages: joinNl(shortages), count: off.length }), lines]);
  }
  if (warnings.includes("neighbourhoods")) alone(fill(index, "neighbourhoods_missing", { neighbourhoods: joinNl(result.neighbourhoods.missing) }));
  if (warnings.includes("roles")) {
    const [missing, labels] = [result.roles.missing, Object.fromEntries(spec.roles.map((role) => [role.id, role.label]))];
    alone(fill(index, missing.length === 1 ? "role_missing" : "roles_missing", { roles: joinNl(missing.map((id) => labels[id])) }));
  }
  return found;
}

function explain(spec, index, { pairs, neighbourhoods: nb, roles, risks, scoring }) {
  const { parts } = scoring;
  const shares = Object.fromEntries(Object.entries(scoring.shares).map(([key, share]) => [`share_${key}`, share]));
  const lines = [
    fill(index, "explain_pairs", { score: parts.pairs, balanced: pairs.filter((p) => p.status === "balanced").length, total: pairs.length }),
    fill(index, "explain_neighbourhoods", { score: parts.neighbourhoods, covered: nb.covered.length, total: nb.covered.length + nb.missing.length }),
    fill(index, "explain_roles", { score: parts.roles, present: roles.present.length, total: roles.present.length + roles.missing.length }),
    fill(index, "explain_average", { average: scoring.average, ...shares }),
  ];
  if (scoring.penalty) lines.push(fill(index, "explain_penalty", { count: risks.length, points: spec.weights.risk, penalty: scoring.penalty }));
  for (const limit of scoring.limits) lines.push(fill(index, `explain_cap_${limit.reason}`, { cap: limit.cap, min: spec.size.min }));
  lines.push(fill(index, "explain_total", { score: scoring.score }));
  return lines;
}
// ---------------------------------------------------------------- rendering
let mountCount = 0;
function h(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) key === "className" ? (node.className = value) : key === "text" ? (node.textContent = value) : node.setAttribute(key, value);
  node.append(...children);
  return node;
}
// Makes `parent`'s children look like `next` (new nodes), keeping every node of the same kind and class in
// order, so a line added to or dropped from a list leaves the others: a tick redoes only what it changed.
function patch(parent, next) {
  let at = parent.firstChild;
  const drop = (end) => { while (at !== end) { const gone = at; at = at.nextSibling; gone.remove(); } };
  for (const node of next) {
    let was = at; while (was && (was.nodeName !== node.nodeName || was.className !== node.className)) was = was.nextSibling;
    if (!was) { parent.insertBefore(node, at); continue; }
    drop(was); at = was.nextSibling;
    if (was.isEqualNode(node)) continue;  // kept as it is
    if (was.nodeType !== Node.ELEMENT_NODE) { was.nodeValue = node.nodeValue; continue; }
    for (const { name } of [...was.attributes]) if (!node.hasAttribute(name)) was.removeAttribute(name);
    for (const { name, value } of node.attributes) if (was.getAttribute(name) !== value) was.setAttribute(name, value);
    patch(was, [...node.childNodes]);
  }
  drop(null);
}
function candidateItem(spec, c, prefix, roleLabels) {
  const [boxId, detailsId] = [`${prefix}-k-${c.id}`, `${prefix}-d-${c.id}`];
  const roles = c.rollen.map((id) => roleLabels[id]).join(", ") || "geen rol";
  const box = h("input", { type: "checkbox", id: boxId, value: c.id, "aria-describedby": detailsId });
  const label = h("label", { for: boxId }, [h("span", { className: "sc-comp-name", text: c.naam }),
    h("span", { className: "sc-comp-meta", text: `${c.wijk} · ${c.leeftijd} jaar · ${roles}` })]);
  const tags = spec.pairs.map((pair) => pair.sides.find((side) => side.values.includes(c[pair.column])).tag);
  const details = h("div", { id: detailsId, className: "sc-comp-details" }, [
    h("p", { className: "sc-comp-tags", text: tags.join(" · ") }), h("p", { className: "sc-comp-bio", text: c.bio }),
    ...spec.risk_kinds.filter((k) => c[k.column]).map((kind) => h("p", { className: "sc-comp-risk sc-risky" },
      [h("strong", { text: `Let op: ${kind.label}.` }), ` ${c[kind.column]}`])),
  ]);
  return { item: h("li", {}, [h("div", { className: "sc-comp-choice" }, [box, label]), details]), box, c };
}
const section = (title, children) => h("section", { className: "sc-comp-section" }, [h("h5", { text: title }), ...children]);
const warn = (text) => h("p", { className: "sc-risky", text: `! ${text}` });
const list = (lines, className = "") => h("ul", { className }, lines.map((line) => h("li", { text: line })));
function pairView(pairSpec, result) {
  const [one, two] = pairSpec.sides;
  const [fillBar, band] = [h("span"), h("span", { className: "sc-comp-band" })];
  const [low, high] = [Math.max(0, result.target - result.tolerance), Math.min(100, result.target + result.tolerance)];
  Object.assign(fillBar.style, { width: `${result.share === null ? 0 : result.share}%` });
  Object.assign(band.style, { left: `${low}%`, width: `${high - low}%` });
  const now = result.share === null ? "" : ` Nu ${result.share}% ${one.tag}.`;
  const status = result.status === "leeg" ? h("p", { className: "sc-muted", text: "Nog niemand gekozen" })
    : result.status === "balanced" ? h("p", { className: "sc-fits", text: "✓ In balans" }) : warn(result.status[0].toUpperCase() + result.status.slice(1));
  return h("li", { className: "sc-comp-pair" }, [
    h("strong", { text: pairSpec.label }), h("div", { className: "sc-bar", "aria-hidden": "true" }, [fillBar, band]),
    h("p", { text: `${one.label}: ${result.counts[0]}, ${two.label}: ${result.counts[1]}.${now} `
      + `Doel: ${result.target}% ${one.tag}; van ${low} tot ${high}% is goed.` }),
    status,
  ]);
}
function panel(spec, result, names, roleLabels) {
  const [nb, size, core, index] = [result.neighbourhoods, result.size, result.size.core_group, indexOf(spec)];
  // The headline of each warning, in `warnings` order: what the bar counts is listed in words.
  const warnings = problems(spec, index, result, [...new Set(result.risks.map((r) => index.position.get(r.candidate)))]).map(([line]) => line);
  const sizePart = section(`Grootte: ${size.n} ${size.n === 1 ? "persoon" : "mensen"} (${size.band})`, [h("p", { text: size.advice })]);
  if (core !== null) {
    sizePart.append(h("p", { text: `Voorstel voor de kerngroep (${core.members.length}):` }), list(core.members.map((id) => names.get(id))));
    const gaps = [...core.missing_neighbourhoods, ...core.missing_roles.map((id) => roleLabels[id])];
    if (gaps.length) sizePart.append(warn(`Niet in de kerngroep, omdat alleen mensen met een waarschuwing dit dekken: ${gaps.join(", ")}.`));
  }
  const risks = result.risks.map((r) => h("li", { className: "sc-risky", text: `! ${names.get(r.candidate)}: ${spec.risk_kinds.find((k) => k.id === r.kind).label}. ${r.note}` }));
  return [
    section(`Waarschuwingen (${warnings.length})`, [warnings.length ? list(warnings.map((line) => `! ${line}`), "sc-comp-warnlist sc-risky") : h("p", { text: "Geen waarschuwingen." })]),
    section("Verhoudingen", [h("ul", { className: "sc-comp-pairs" }, spec.pairs.map((pair, i) => pairView(pair, result.pairs[i])))]),
    section(`Wijken (${nb.covered.length} van ${spec.neighbourhoods.length})`, [
      h("p", { text: nb.covered.length ? `Met iemand: ${nb.covered.map((w) => `${w} (${nb.counts[w]})`).join(", ")}.` : "Nog geen enkele wijk." }),
      ...(nb.missing.length ? [warn(`Nog niemand uit: ${nb.missing.join(", ")}.`)] : []),
    ]),
    section("Rollen", [h("ul", {}, spec.roles.map((role) => {
      const count = result.roles.counts[role.id];
      return count ? h("li", { text: `${role.label}: ${count}` }) : h("li", { className: "sc-risky", text: `! ${role.label}: ontbreekt` });
    }))]),
    section("Mogelijke stoorzenders", risks.length ? [h("ul", {}, risks)] : [h("p", { text: "Niemand met een risico gekozen." })]),
    sizePart,
    section("Advies", [...(result.advice.includes(result.headline) ? [] : [h("p", { className: "sc-comp-lead", text: result.headline })]), // whole, as the bar may clip it
      h("ol", { className: "sc-comp-advice" }, result.advice.map((line) => h("li", { text: line })))]),
    section("Hoe komt je score tot stand?", [list(result.explanation, "sc-comp-explanation"),
      h("p", { className: "sc-comp-note", text: spec.messages.targets_note })]),
  ];
}

function select(id, label, all, options) {
  const node = h("select", { id }, [h("option", { value: "", text: all }), ...options.map(([value, text]) => h("option", { value, text }))]);
  return [node, h("div", {}, [h("label", { for: id, text: label }), node])];
}

export default {
  render({ model, el }) {
    const prefix = `${model.get("exercise_id")}-composition${++mountCount}`;
    const spec = model.get("spec");
    const [roleLabels, names] = [Object.fromEntries(spec.roles.map((role) => [role.id, role.label])), new Map(spec.candidates.map((c) => [c.id, c.naam]))];
    const root = h("div", { className: "sc-exercise sc-composition" }, [h("h3", { text: spec.title })]);
    if (spec.intro) root.append(h("p", { text: spec.intro }));
    const explained = spec.roles.filter((role) => role.explanation);
    if (explained.length) {
      root.append(h("details", { className: "sc-comp-help" }, [h("summary", { text: "Wat betekenen de rollen?" }),
        h("dl", {}, explained.flatMap((role) => [h("dt", { text: role.label }), h("dd", { text: role.explanation })]))]));
    }
    const [wijkSelect, wijkField] = select(`${prefix}-wijk`, "Wijk", "Alle wijken", spec.neighbourhoods.map((w) => [w, w]));
    const [roleSelect, roleField] = select(`${prefix}-rol`, "Rol", "Alle rollen", spec.roles.map((role) => [role.id, role.label]));
    const count = h("p", { className: "sc-comp-count sc-muted" });
    const items = spec.candidates.map((c) => candidateItem(spec, c, prefix, roleLabels));
    const pool = h("ul", { className: "sc-comp-list" }, items.map(({ item }) => item));
    // The bar sticks to the bottom of the window while the list scrolls: what a tick changed stays in view.
    const bar = h("div", { className: "sc-comp-bar" });
    // Screen readers hear one short line after a second of quiet, not every tick; the panel is not live.
    const live = h("p", { className: "sc-visually-hidden", "aria-live": "polite", "aria-atomic": "true" });
    const details = h("div");
    root.append(h("div", { className: "sc-comp-layout" }, [
      h("div", { className: "sc-comp-pool" }, [
        h("fieldset", { className: "sc-comp-filters" }, [h("legend", { text: "Filter de lijst" }), wijkField, roleField]),
        count, h("fieldset", {}, [h("legend", { text: "Kandidaten: kies wie in het netwerk komt" }), pool]), bar]),
      h("section", { className: "sc-feedback sc-comp-feedback", "aria-labelledby": `${prefix}-uitkomst` }, [
        h("h4", { id: `${prefix}-uitkomst`, text: "Jouw netwerk" }), details]),
    ]), live);
    el.append(root); document.documentElement.classList.add("sc-composition-page"); // see composition.css

    let [shownAnswers, chosen, quiet, said] = [undefined, new Set(), 0, undefined];
    const showCount = () => { count.textContent = `${items.filter(({ item }) => !item.hidden).length} van ${items.length} kandidaten zichtbaar. ${chosen.size} gekozen.`; };
    const update = () => {
      shownAnswers = model.get("answers");
      const result = compute(spec, shownAnswers);
      const selected = shownAnswers && Array.isArray(shownAnswers.selected) ? shownAnswers.selected : [];
      chosen = new Set(selected.filter((id) => names.has(id)));
      for (const { box, c } of items) if (box.checked !== chosen.has(c.id)) box.checked = chosen.has(c.id);
      const [score, n] = [`Score: ${result.score} van 100.`, result.warnings.length];
      const warnings = n ? `${n} ${n === 1 ? "waarschuwing" : "waarschuwingen"}.` : "Geen waarschuwingen.";
      patch(bar, [h("p", {}, [h("strong", { className: "sc-comp-score", text: score }), " ", h("span", { className: "sc-comp-warnings", text: warnings })]),
        h("p", { className: "sc-comp-headline", text: result.headline })]);
      const line = `${score} ${warnings} ${result.headline}`;
      clearTimeout(quiet);
      // Said after a second of quiet and only when its words change; nothing is said when the exercise opens.
      if (said === undefined) said = line;
      else quiet = setTimeout(() => { if (said !== line) live.textContent = said = line; }, 1000);
      patch(details, panel(spec, result, names, roleLabels));
      showCount();
    };
    const filter = () => {
      for (const { item, c } of items) item.hidden = (wijkSelect.value !== "" && c.wijk !== wijkSelect.value) || (roleSelect.value !== "" && !c.rollen.includes(roleSelect.value));
      showCount();
    };
    const toggle = ({ target: box }) => {
      if (box.type !== "checkbox") return;
      const next = new Set(chosen);
      next[box.checked ? "add" : "delete"](box.value);
      // Pool order, so the stored answers do not depend on the order of clicks.
      const answers = { selected: spec.candidates.filter((c) => next.has(c.id)).map((c) => c.id) };
      model.set("answers", answers);
      model.save_changes();
      if (shownAnswers !== answers) update(); // a model that echoes the change has updated already
    };
    const onChange = () => { if (model.get("answers") !== shownAnswers) update(); };
    pool.addEventListener("change", toggle);
    for (const control of [wijkSelect, roleSelect]) control.addEventListener("change", filter);
    model.on("change:answers", onChange);
    update();
    // The DOM listeners go with the removed nodes; the model outlives this view.
    return () => { clearTimeout(quiet); model.off("change:answers", onChange); root.remove(); };
  },
};
