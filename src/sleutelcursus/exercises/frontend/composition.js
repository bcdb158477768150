// Composition exercise: the trainee picks candidates from a pool and sees at once how
// balanced the network is (pairs, neighbourhoods, roles, risks, size, core group).
// Answers: {"selected": [candidate ids]}. `compute` follows the definitions in the
// docstring of exercises/composition.py with the same order of operations, so both
// engines give identical results; the tests compare them.

const PLACEHOLDER = /\{([A-Za-z0-9_]+)\}/;
const INDEX = new WeakMap();

const round = (x) => Math.floor(x + 0.5);
const has = (obj, key) => Object.prototype.hasOwnProperty.call(obj, key);
// Candidate ids are ASCII slugs, so `<` orders them as Python's string order does.
const byId = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

function fill(pieces, values) {
  // From String.split with a group: even pieces are text, odd pieces placeholder names.
  return pieces.map((piece, j) => {
    if (j % 2 === 0) return piece;
    return has(values, piece) ? String(values[piece]) : `{${piece}}`;
  }).join("");
}

function joinNl(words) {
  if (words.length < 2) return words.join("");
  return `${words.slice(0, -1).join(", ")} en ${words[words.length - 1]}`;
}

// Derived from the spec alone, once per spec object; results never depend on it.
function indexOf(spec) {
  let index = INDEX.get(spec);
  if (index) return index;
  const cands = spec.candidates;
  const firstSides = spec.pairs.map((pair) => new Set(pair.sides[0].values));
  const labels = Object.fromEntries(spec.risk_kinds.map((kind) => [kind.id, kind.label]));
  const templates = {};
  for (const [key, text] of Object.entries(spec.messages)) templates[key] = text.split(PLACEHOLDER);
  const risks = cands.map((c) => spec.risk_kinds.filter((kind) => c[kind.column]).map((kind) => [kind.id, c[kind.column]]));
  const order = cands.map((c, i) => i);
  order.sort((a, b) => cands[b].rollen.length - cands[a].rollen.length || byId(cands[a].id, cands[b].id));
  const rank = [];
  order.forEach((i, r) => { rank[i] = r; });
  index = {
    position: new Map(cands.map((c, i) => [c.id, i])),
    risks,
    profiles: cands.map((c) => spec.pairs.map((pair, p) => (firstSides[p].has(c[pair.column]) ? 0 : 1))),
    rank,
    templates,
    riskAdvice: cands.map((c, i) => risks[i].map(([kind, note]) => fill(templates.risk, { name: c.naam, risk: labels[kind], note }))),
  };
  INDEX.set(spec, index);
  return index;
}

function pairResult(pair, a, n) {
  const result = { id: pair.id, label: pair.label, counts: [a, n - a], share: null, target: pair.target,
    tolerance: pair.tolerance, deviation: null, status: "leeg", score: 0 };
  if (n === 0) return result;
  const share = round((100 * a) / n);
  const deviation = share - pair.target;
  Object.assign(result, { share, deviation, status: "balanced", score: 100 });
  if (Math.abs(deviation) > pair.tolerance) {
    const short = deviation < 0 ? 0 : 1;
    const extreme = short === 0 ? pair.target : 100 - pair.target;
    result.status = `te weinig ${pair.sides[short].label}`;
    result.score = round((100 * (extreme - Math.abs(deviation))) / (extreme - pair.tolerance));
  }
  return result;
}

// The core-group rule of the Python docstring. Python groups alike members to stay fast
// on 10,000 candidates; scanning every member here picks the same ones.
function coreGroup(spec, index, positions, covered, present) {
  const cands = spec.candidates;
  const eligible = positions.filter((i) => index.risks[i].length === 0);
  if (eligible.length === 0) return null;
  const wijken = new Set();
  const roles = new Set();
  const picked = [];
  for (;;) {
    let best = -1;
    let bestGain = 0;
    for (const i of eligible) {
      const gain = (wijken.has(cands[i].wijk) ? 0 : 1) + cands[i].rollen.filter((role) => !roles.has(role)).length;
      if (gain > bestGain || (gain === bestGain && gain > 0 && cands[i].id < cands[best].id)) [best, bestGain] = [i, gain];
    }
    if (best < 0) break;
    picked.push(best);
    wijken.add(cands[best].wijk);
    cands[best].rollen.forEach((role) => roles.add(role));
  }
  const k = Math.min(spec.size.small_max, Math.max(spec.size.min, Math.floor((positions.length + 2) / 3)));
  const pairs = spec.pairs;
  const ones = pairs.map((pair, p) => picked.filter((i) => index.profiles[i][p] === 0).length);
  const taken = new Set(picked);
  while (picked.length < k) {
    let best = -1;
    let bestCost = 0;
    const m = picked.length + 1;
    for (const i of eligible) {
      if (taken.has(i)) continue;
      let cost = 0;
      for (let p = 0; p < pairs.length; p++) {
        cost += Math.abs(100 * (ones[p] + (index.profiles[i][p] === 0 ? 1 : 0)) - pairs[p].target * m);
      }
      if (best < 0 || cost < bestCost || (cost === bestCost && index.rank[i] < index.rank[best])) [best, bestCost] = [i, cost];
    }
    if (best < 0) break;
    picked.push(best);
    taken.add(best);
    index.profiles[best].forEach((side, p) => { if (side === 0) ones[p] += 1; });
  }
  return {
    members: picked.map((i) => cands[i].id),
    missing_neighbourhoods: covered.filter((w) => !wijken.has(w)),
    missing_roles: present.filter((r) => !roles.has(r)),
  };
}

function sizeResult(spec, index, positions, covered, present) {
  const size = spec.size;
  const n = positions.length;
  const group = n >= size.core_group_from ? coreGroup(spec, index, positions, covered, present) : null;
  const values = { n, ...size };
  let [band, key] = ["groot", "size_large"];
  if (n < size.min) [band, key] = ["te klein", "size_too_small"];
  else if (n <= size.small_max) [band, key] = ["klein", "size_small"];
  if (group !== null) {
    key = "size_core_group";
    const names = group.members.map((id) => spec.candidates[index.position.get(id)].naam);
    Object.assign(values, { core_group: joinNl(names), core_group_size: names.length });
  }
  return { n, band, advice: fill(index.templates[key], values), core_group: group };
}

export function compute(spec, answers) {
  const index = indexOf(spec);
  const cands = spec.candidates;
  const marks = new Uint8Array(cands.length);
  const isMapping = answers !== null && typeof answers === "object" && !Array.isArray(answers);
  if (isMapping && Array.isArray(answers.selected)) {
    for (const id of answers.selected) {
      if (typeof id === "string" && index.position.has(id)) marks[index.position.get(id)] = 1;
    }
  }
  const positions = [];
  for (let i = 0; i < cands.length; i++) if (marks[i]) positions.push(i);
  const n = positions.length;

  const ones = spec.pairs.map(() => 0);
  const wijkCounts = Object.create(null);
  const roleCounts = Object.create(null);
  spec.neighbourhoods.forEach((name) => { wijkCounts[name] = 0; });
  spec.roles.forEach((role) => { roleCounts[role.id] = 0; });
  for (const i of positions) {
    wijkCounts[cands[i].wijk] += 1;
    for (const role of cands[i].rollen) roleCounts[role] += 1;
    index.profiles[i].forEach((side, p) => { if (side === 0) ones[p] += 1; });
  }
  const pairs = spec.pairs.map((pair, p) => pairResult(pair, ones[p], n));
  const roleIds = spec.roles.map((role) => role.id);
  const covered = spec.neighbourhoods.filter((name) => wijkCounts[name] > 0);
  const present = roleIds.filter((id) => roleCounts[id] > 0);
  const neighbourhoods = { covered, missing: spec.neighbourhoods.filter((name) => wijkCounts[name] === 0),
    counts: wijkCounts, score: round((100 * covered.length) / spec.neighbourhoods.length) };
  const roles = { present, missing: roleIds.filter((id) => roleCounts[id] === 0),
    counts: roleCounts, score: round((100 * present.length) / roleIds.length) };
  const risky = positions.filter((i) => index.risks[i].length > 0);
  const risks = risky.flatMap((i) => index.risks[i].map(([kind, note]) => ({ candidate: cands[i].id, kind, note })));
  const size = sizeResult(spec, index, positions, covered, present);

  const w = spec.weights;
  const pairSum = pairs.reduce((sum, pair) => sum + pair.score, 0);
  const raw = ((w.pairs * pairSum) / pairs.length + w.neighbourhoods * neighbourhoods.score + w.roles * roles.score)
    / (w.pairs + w.neighbourhoods + w.roles);
  const score = Math.min(100, Math.max(0, round(raw) - w.risk * risks.length));
  const advice = advise(spec, index, { pairs, neighbourhoods, roles, size }, risky);
  return { pairs, neighbourhoods, roles, risks, size, score, advice };
}

function advise(spec, index, { pairs, neighbourhoods, roles, size }, risky) {
  const t = index.templates;
  const n = size.n;
  if (n === 0) return [fill(t.empty, {})];
  const advice = size.band === "te klein" ? [size.advice] : [];
  const off = pairs.map((pair, i) => i).filter((i) => pairs[i].status !== "balanced");
  off.sort((a, b) => pairs[a].score - pairs[b].score || a - b);
  for (const i of off) {
    const [pair, result] = [spec.pairs[i], pairs[i]];
    const short = result.deviation < 0 ? 0 : 1;
    advice.push(fill(t.pair_off, {
      pair: pair.label, side: pair.sides[short].label, count: result.counts[short], n,
      side_share: short === 0 ? result.share : 100 - result.share,
      side_target: short === 0 ? pair.target : 100 - pair.target,
      tolerance: pair.tolerance,
    }));
  }
  const labels = Object.fromEntries(spec.roles.map((role) => [role.id, role.label]));
  if (roles.missing.length) {
    const template = roles.missing.length === 1 ? t.role_missing : t.roles_missing;
    advice.push(fill(template, { roles: joinNl(roles.missing.map((id) => labels[id])) }));
  }
  if (neighbourhoods.missing.length) {
    advice.push(fill(t.neighbourhoods_missing, { neighbourhoods: joinNl(neighbourhoods.missing) }));
  }
  if (!off.length && !roles.missing.length && !neighbourhoods.missing.length) advice.push(fill(t.all_balanced, {}));
  for (const i of risky) advice.push(...index.riskAdvice[i]);
  if (size.band !== "te klein") advice.push(size.advice);
  return advice;
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
      + `Doel: ${result.target}% ${one.tag}, marge ${result.tolerance} procentpunt.` }),
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
      const said = `${result.score} ${result.advice[0]}`;
      if (summary.dataset.said !== said) {
        summary.dataset.said = said;
        summary.replaceChildren(h("p", { className: "sc-comp-score" }, [h("strong", { text: `Score: ${result.score} van 100.` })]),
          h("p", { text: result.advice[0] }));
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
