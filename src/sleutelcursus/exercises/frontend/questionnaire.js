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
  const best = scored.length ? Math.max(...scored) : null;
  return {
    profile,
    strongest: scored.length ? profile.filter((p) => p.percent === best).map((p) => p.id) : [],
    answered: valid.size,
    total: spec.statements.length,
    complete: valid.size === spec.statements.length,
  };
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

function renderFeedback(spec) {
  const region = make("div", { class: "sc-feedback sc-questionnaire-feedback", "aria-live": "polite" });
  const progress = make("p", { class: "sc-questionnaire-progress" });
  const hint = make("p", { class: "sc-muted" },
    "Kies bij een stelling een antwoord. Dan zie je hier meteen je uitkomst.");
  const result = make("div", { class: "sc-questionnaire-result" });
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

  const strongHeading = make("h4", {}, "Hier scoor je het hoogst");
  const strongList = make("div", { class: "sc-questionnaire-strongest" });
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

    const strong = make("div", { class: "sc-questionnaire-strong" });
    const strongTitle = make("p", { class: "sc-questionnaire-strong-title" });
    strong.append(strongTitle, make("p", {}, dimension.explanation));
    strongList.append(strong);

    const details = make("details");
    const summary = make("summary");
    details.append(summary, make("p", {}, dimension.explanation));
    otherList.append(details);

    parts.set(dimension.id, { percent, fill, strong, strongTitle, details, summary, label: dimension.label });
  }

  result.append(make("h4", {}, "Jouw uitkomst"), provisional, table, strongHeading, strongList, otherHeading, otherList);
  if (spec.conclusion) result.append(make("h4", {}, "Tot slot"), make("p", {}, spec.conclusion));
  region.append(progress, hint, result);

  function update(outcome) {
    setText(progress, `${outcome.answered} van ${outcome.total} beantwoord`);
    hint.hidden = outcome.answered > 0;
    result.hidden = outcome.answered === 0;
    provisional.hidden = outcome.complete;
    const strongest = new Set(outcome.strongest);
    for (const entry of outcome.profile) {
      const part = parts.get(entry.id);
      setText(part.percent, percentText(entry.percent));
      part.fill.style.width = `${entry.percent ?? 0}%`;
      setText(part.strongTitle, `${part.label} (${percentText(entry.percent)})`);
      setText(part.summary, `${part.label} (${percentText(entry.percent)})`);
      part.strong.hidden = !strongest.has(entry.id);
      part.details.hidden = strongest.has(entry.id);
    }
    otherHeading.hidden = strongest.size === spec.dimensions.length;
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
