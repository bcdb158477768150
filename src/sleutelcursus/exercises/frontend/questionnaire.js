// Questionnaire (self-assessment): statements on a scale, scored into a profile.
// One plain ES module for anywidget in Jupyter and for the static host in the book.
// `compute` must return exactly what exercises/questionnaire.py returns: keep the
// operation order of the sums and the rounding (Math.floor(x + 0.5)) in step with it.

function isPlainObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function hasOwn(obj, key) {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

// The answers that count: known statement ids with an integer on the scale. Stale
// ids, text, fractions and booleans are ignored (answers come from localStorage).
function validAnswers(spec, answers) {
  const valid = new Map();
  if (!isPlainObject(answers)) return valid;
  const { min, max } = spec.scale;
  for (const statement of spec.statements) {
    if (!hasOwn(answers, statement.id)) continue;
    const value = answers[statement.id];
    if (Number.isInteger(value) && value >= min && value <= max) valid.set(statement.id, value);
  }
  return valid;
}

export function compute(spec, answers) {
  const { min, max } = spec.scale;
  const valid = validAnswers(spec, answers);
  const profile = spec.dimensions.map((dimension) => {
    let num = 0;
    let den = 0;
    for (const statement of spec.statements) {
      const weight = hasOwn(statement.weights, dimension.id) ? statement.weights[dimension.id] : 0;
      if (!valid.has(statement.id) || !(weight > 0)) continue;
      const answer = valid.get(statement.id);
      const value = statement.reverse ? max + min - answer : answer;
      num += weight * (value - min);
      den += weight * (max - min);
    }
    const percent = den > 0 ? Math.floor((100 * num) / den + 0.5) : null;
    return { id: dimension.id, label: dimension.label, percent };
  });
  const scored = profile.filter((p) => p.percent !== null).map((p) => p.percent);
  const unscored = profile.length - scored.length;
  const remaining = Math.max(neededAnswers(spec) - valid.size, unscored, 0);
  const allLowest = valid.size > 0 && [...valid.values()].every((value) => value === min);
  const ready = remaining === 0 && !allLowest;
  let strongest = [];
  let grow = [];
  if (ready) {
    const best = Math.max(...scored);
    const worst = Math.min(...scored);
    strongest = profile.filter((p) => p.percent === best).map((p) => p.id);
    if (worst < best) grow = profile.filter((p) => p.percent === worst).map((p) => p.id);
  }
  return {
    profile,
    strongest,
    grow,
    answered: valid.size,
    total: spec.statements.length,
    complete: valid.size === spec.statements.length,
    remaining,
    all_lowest: allLowest,
    ready,
  };
}

// Half of the statements, rounded up, as in questionnaire.needed_answers.
export function neededAnswers(spec) {
  return Math.floor((spec.statements.length + 1) / 2);
}

// ---- rendering -------------------------------------------------------------------

// Two views of one exercise on a page (a notebook cell shown twice) need their own
// ids and radio group names, or their radio groups would merge.
let mounts = 0;

function make(tag, attrs = {}, text = null) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  if (text !== null) node.textContent = text;
  return node;
}

// Only touch text that changed: the feedback is a live region, and a screen reader
// announces every text node that is rewritten.
function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

function percentText(percent) {
  return percent === null ? "nog geen antwoord" : `${percent}%`;
}

function renderStatement(spec, statement, index, prefix) {
  const fieldset = make("fieldset", { class: "sc-questionnaire-item" });
  const legend = make("legend");
  legend.append(make("span", { class: "sc-questionnaire-nr" }, `${index + 1}.`), ` ${statement.text}`);
  const scale = make("div", { class: "sc-questionnaire-scale" });
  const radios = [];
  spec.scale.labels.forEach((label, step) => {
    const value = spec.scale.min + step;
    const id = `${prefix}-${statement.id}-${value}`;
    const option = make("div", { class: "sc-questionnaire-option" });
    const input = make("input", { type: "radio", id, name: `${prefix}-${statement.id}`, value: String(value) });
    input.dataset.statement = statement.id;
    option.append(input, make("label", { for: id }, label));
    scale.append(option);
    radios.push(input);
  });
  fieldset.append(legend, scale);
  return { fieldset, radios };
}

function names(labels) {
  if (labels.length <= 1) return labels.join("");
  return `${labels.slice(0, -1).join(", ")} en ${labels[labels.length - 1]}`;
}

// One card per dimension, reused in the "strongest" and "grow" lists: label, score,
// explanation and (when the spec has one) the tip.
function dimensionCard(dimension) {
  const card = make("div", { class: "sc-questionnaire-strong" });
  const title = make("p", { class: "sc-questionnaire-strong-title" });
  card.append(title, make("p", {}, dimension.explanation));
  if (dimension.tip) {
    const tip = make("p", { class: "sc-questionnaire-tip" });
    tip.append(make("strong", {}, "Tip: "), dimension.tip);
    card.append(tip);
  }
  return { card, title };
}

function headingFor(kind, labels, percent) {
  const tie = labels.length > 1;
  if (kind === "strong") {
    return tie
      ? `Hier ben je even sterk: ${names(labels)} (allemaal ${percent}%)`
      : `Hier ben je het sterkst: ${labels[0]} (${percent}%)`;
  }
  return tie
    ? `Hier kun je groeien: ${names(labels)} (allemaal ${percent}%)`
    : `Hier kun je groeien: ${labels[0]} (${percent}%)`;
}

function renderFeedback(spec) {
  const region = make("div", { class: "sc-feedback sc-questionnaire-feedback", "aria-live": "polite" });
  const progress = make("p", { class: "sc-questionnaire-progress" });
  const hint = make("p", { class: "sc-muted" },
    "Kies bij een stelling een antwoord. Dan zie je hier meteen je uitkomst.");
  const result = make("div", { class: "sc-questionnaire-result" });
  const waiting = make("p", { class: "sc-questionnaire-waiting" });
  const lowest = make("p", { class: "sc-questionnaire-all-lowest" },
    `Je koos bij elke stelling "${spec.scale.labels[0]}". Dan kan deze scan niet zeggen waar je ` +
    "sterk in bent. Misschien past het werk in een netwerk nu niet goed bij je, en dat is ook een " +
    "uitkomst. Of misschien ging er iets mis bij het kiezen. Lees de stellingen nog eens rustig " +
    "en kies bij elke stelling wat het meest op jou lijkt.");
  const even = make("p", { class: "sc-questionnaire-even" });
  const provisional = make("p", { class: "sc-muted" },
    "Je uitkomst is nog voorlopig. Beantwoord alle stellingen voor een volledig beeld.");

  const table = make("table", { class: "sc-questionnaire-profile" });
  table.append(make("caption", { class: "sc-visually-hidden" }, "Je score per onderdeel, in procenten"));
  const head = make("thead", { class: "sc-visually-hidden" });
  const headRow = make("tr");
  headRow.append(make("th", { scope: "col" }, "Onderdeel"), make("th", { scope: "col" }, "Score"));
  head.append(headRow);
  const body = make("tbody");
  table.append(head, body);

  const strongHeading = make("h4");
  const strongList = make("div", { class: "sc-questionnaire-strongest" });
  const growHeading = make("h4");
  const growList = make("div", { class: "sc-questionnaire-grow" });
  const otherHeading = make("h4", {}, "Meer uitleg");
  const otherList = make("div", { class: "sc-questionnaire-others" });

  const parts = new Map();
  for (const dimension of spec.dimensions) {
    const row = make("tr");
    const score = make("td");
    const wrap = make("div", { class: "sc-questionnaire-score" });
    const percent = make("span", { class: "sc-questionnaire-percent" });
    const bar = make("div", { class: "sc-bar", "aria-hidden": "true" });
    const fill = make("span");
    bar.append(fill);
    wrap.append(percent, bar);
    score.append(wrap);
    row.append(make("th", { scope: "row" }, dimension.label), score);
    body.append(row);

    const strong = dimensionCard(dimension);
    strongList.append(strong.card);
    const grow = dimensionCard(dimension);
    growList.append(grow.card);

    const details = make("details");
    const summary = make("summary");
    details.append(summary, make("p", {}, dimension.explanation));
    if (dimension.tip) details.append(make("p", {}, `Tip: ${dimension.tip}`));
    otherList.append(details);

    parts.set(dimension.id, { percent, fill, strong, grow, details, summary, label: dimension.label });
  }

  result.append(
    make("h4", {}, "Jouw uitkomst"), provisional, waiting, lowest, even, table,
    strongHeading, strongList, growHeading, growList, otherHeading, otherList,
  );
  if (spec.conclusion) result.append(make("h4", {}, "Tot slot"), make("p", {}, spec.conclusion));
  region.append(progress, hint, result);

  function update(outcome) {
    setText(progress, `${outcome.answered} van ${outcome.total} beantwoord`);
    hint.hidden = outcome.answered > 0;
    result.hidden = outcome.answered === 0;
    provisional.hidden = outcome.complete || !outcome.ready;
    waiting.hidden = outcome.remaining === 0;
    const left = outcome.remaining === 1 ? "nog 1 stelling" : `nog ${outcome.remaining} stellingen`;
    setText(waiting, `Beantwoord ${left}. Dan zie je waar je het sterkst bent en waarin je kunt groeien.`);
    lowest.hidden = !(outcome.all_lowest && outcome.remaining === 0);
    // Percentages from a few answers (or from all "Klopt helemaal niet") read as a result
    // that the scan cannot give yet: they show once the scan is ready.
    table.hidden = !outcome.ready;
    const strongest = new Set(outcome.strongest);
    const grow = new Set(outcome.grow);
    const percentOf = new Map(outcome.profile.map((entry) => [entry.id, entry.percent]));
    // All equal: nothing stands out, so every dimension is explained in the same way.
    const allEven = outcome.ready && grow.size === 0;
    for (const entry of outcome.profile) {
      const part = parts.get(entry.id);
      setText(part.percent, percentText(entry.percent));
      part.fill.style.width = `${entry.percent ?? 0}%`;
      setText(part.strong.title, `${part.label} (${percentText(entry.percent)})`);
      setText(part.grow.title, `${part.label} (${percentText(entry.percent)})`);
      setText(part.summary, outcome.ready ? `${part.label} (${percentText(entry.percent)})` : part.label);
      part.strong.card.hidden = !strongest.has(entry.id);
      part.grow.card.hidden = !grow.has(entry.id);
      part.details.hidden = !allEven && (strongest.has(entry.id) || grow.has(entry.id));
    }
    const labelsOf = (ids) => [...ids].map((id) => parts.get(id).label);
    even.hidden = !allEven;
    if (allEven) {
      setText(even, `Je scoort op alle onderdelen even hoog (${percentOf.get(outcome.strongest[0])}%). ` +
        "Er springt dus niets uit. Lees de uitleg bij elk onderdeel en kies zelf waar je aan wilt werken.");
    }
    strongHeading.hidden = !outcome.ready || allEven;
    strongList.hidden = strongHeading.hidden;
    if (!strongHeading.hidden) {
      setText(strongHeading, headingFor("strong", labelsOf(strongest), percentOf.get(outcome.strongest[0])));
    }
    growHeading.hidden = grow.size === 0;
    growList.hidden = growHeading.hidden;
    if (grow.size) setText(growHeading, headingFor("grow", labelsOf(grow), percentOf.get(outcome.grow[0])));
    otherHeading.hidden = [...parts.values()].every((part) => part.details.hidden);
  }

  return { region, update };
}

export default {
  render({ model, el }) {
    const spec = model.get("spec");
    mounts += 1;
    const prefix = `${model.get("exercise_id")}-${mounts}`;

    const root = make("div", { class: "sc-exercise sc-questionnaire" });
    root.append(make("h3", {}, spec.title));
    if (spec.intro) root.append(make("p", { class: "sc-questionnaire-intro" }, spec.intro));
    const statements = make("div", { class: "sc-questionnaire-statements" });
    const radiosById = new Map();
    spec.statements.forEach((statement, index) => {
      const { fieldset, radios } = renderStatement(spec, statement, index, prefix);
      statements.append(fieldset);
      radiosById.set(statement.id, radios);
    });
    const feedback = renderFeedback(spec);
    root.append(statements, feedback.region);
    el.append(root);

    function refresh() {
      const answers = model.get("answers");
      const valid = validAnswers(spec, answers);
      for (const [id, radios] of radiosById) {
        for (const radio of radios) radio.checked = valid.get(id) === Number(radio.value);
      }
      feedback.update(compute(spec, answers));
    }

    function onChange(event) {
      const input = event.target;
      if (!(input instanceof HTMLInputElement) || input.type !== "radio" || !input.dataset.statement) return;
      const current = model.get("answers");
      const next = { ...(isPlainObject(current) ? current : {}), [input.dataset.statement]: Number(input.value) };
      model.set("answers", next);
      model.save_changes();
      // Some hosts do not echo a local set as a change event; refreshing twice is harmless.
      refresh();
    }

    root.addEventListener("change", onChange);
    model.on("change:answers", refresh);
    refresh();

    return () => {
      model.off("change:answers", refresh);
      root.removeEventListener("change", onChange);
    };
  },
};
