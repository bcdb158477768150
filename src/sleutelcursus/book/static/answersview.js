// "Mijn antwoorden" in plain Dutch, for reading on screen and printing: per exercise
// the questions, the trainee's answers and the feedback the exercise showed. Built from
// the spec, the stored answers and the type module's own compute(), so it says what
// the exercise said. Also decides when an exercise counts as done.

import { progressOf } from "./answerstore.js";
import { h } from "./dom.js";

const WORDS = { fits: "Past goed", risky: "Risicovol", advised_against: "Afgeraden" };

const list = (items) => h("ul", {}, items.map((item) => h("li", {}, [item])));
// The space after the label stays outside <strong>: it must not hang on the bold text.
const line = (label, text) => h("p", {}, [h("strong", { text: `${label}:` }), " ", text]);
const CLOSED = /[.?!:…]["'”’)]*$/;

/**
 * Parts joined into sentences: each gets a full stop unless it already ends a sentence,
 * so a title that is a question ("Waar begin je?") is not followed by "?.".
 */
export function sentences(...parts) {
  return parts.map((part) => String(part ?? "").trim()).filter(Boolean)
    .map((part) => (CLOSED.test(part) ? part : `${part}.`)).join(" ");
}

/** Whether the answers finish the exercise (answerstore.progressOf), and whether there are any. */
export function status(kind, spec, answers, result) {
  const { done, answered } = progressOf(kind, spec, answers, result);
  return { done, started: answered > 0 };
}

/** A short result in words, for the overview table. */
export function summary(kind, spec, answers, result) {
  if (kind === "scenario") {
    const c = result.counts;
    return `${c.fits} keer past goed, ${c.risky} keer risicovol, ${c.advised_against} keer afgeraden`;
  }
  if (kind === "questionnaire") {
    const answered = spec.statements.filter((s) => Number.isInteger(answers[s.id])).length;
    return `${answered} van de ${spec.statements.length} stellingen beantwoord`;
  }
  const chosen = Array.isArray(answers.selected) ? answers.selected.length : 0;
  return `${chosen} ${chosen === 1 ? "persoon" : "mensen"} gekozen, score ${result.score}`;
}

function scenarioView(spec, result) {
  const steps = new Map(spec.steps.map((step) => [step.id, step]));
  const parts = result.steps.map((taken, index) => {
    const step = steps.get(taken.step);
    const choice = step.choices.find((c) => c.id === taken.choice);
    // A step the path passed before is the same choice again, as the exercise says.
    const shown = taken.again
      ? line(`Situatie ${index + 1} (opnieuw)`, "Weer dezelfde keuze als eerder.")
      : line(`Situatie ${index + 1}`, sentences(step.title, step.situation));
    return h("li", {}, [
      shown,
      line("Vraag", step.question),
      line("Jouw antwoord", choice.label),
      line("Feedback", sentences(WORDS[choice.assessment], ...choice.reasons)),
      line("Wat er gebeurt", choice.consequence),
    ]);
  });
  const out = [h("ol", {}, parts)];
  if (result.finished && result.reflection) out.push(line("Om over na te denken", result.reflection));
  if (!result.finished) out.push(h("p", { text: "Je bent nog niet aan het eind van deze oefening." }));
  return out;
}

function questionnaireView(spec, answers, result) {
  const labels = spec.scale.labels || [];
  const answered = spec.statements.filter((s) => Number.isInteger(answers[s.id]));
  const out = [h("ol", {}, answered.map((s) => h("li", {}, [
    h("p", { text: s.text }),
    line("Jouw antwoord", labels[answers[s.id] - spec.scale.min] || String(answers[s.id])),
  ])))];
  out.push(line("Beantwoord", `${result.answered} van de ${result.total} stellingen`));
  // As the exercise itself: percentages only once the scan can give them (result.ready),
  // else what is still needed; a printout must not read as a result the scan did not give.
  if (result.ready) {
    out.push(line("Feedback", result.profile.map((p) => `${p.label} ${p.percent}%`).join(", ")));
  } else if (result.remaining > 0) {
    const left = result.remaining === 1 ? "nog 1 stelling" : `nog ${result.remaining} stellingen`;
    out.push(line("Feedback", `nog geen uitkomst. Beantwoord ${left}, dan laat de scan zien waar je het sterkst bent.`));
  } else if (result.all_lowest) {
    out.push(line("Feedback", `geen uitkomst: je koos bij elke stelling "${labels[0]}".`));
  }
  return out;
}

function compositionView(spec, answers, result) {
  const names = new Map(spec.candidates.map((c) => [c.id, c.naam]));
  const chosen = (answers.selected || []).map((id) => names.get(id)).filter(Boolean);
  const out = [line("Jouw netwerk", chosen.length ? chosen.join(", ") : "nog niemand gekozen")];
  out.push(line("Score", `${result.score} van de 100`));
  if (result.advice && result.advice.length) out.push(h("p", { text: "Advies:" }), list(result.advice));
  return out;
}

/** The section for one exercise: its title, then questions, answers and feedback. */
export function answersSection(kind, spec, answers, result, headingLevel = "h3") {
  const body = kind === "scenario" ? scenarioView(spec, result)
    : kind === "questionnaire" ? questionnaireView(spec, answers, result)
      : compositionView(spec, answers, result);
  return h("section", { class: "sc-antwoord" }, [h(headingLevel, { text: spec.title }), ...body]);
}
