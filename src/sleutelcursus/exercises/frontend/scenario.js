// Scenario exercise: branching situations. The trainee picks a choice per step; each
// choice is assessed (fits / risky / advised_against) and explained, and may lead on
// to a next step. Answers are the chosen choice ids: {"path": [...]}, plus a "seed"
// when the spec shuffles its options (knowledge checks). `compute` walks the path and
// orders the options exactly as exercises/scenario.py does (scenariowalk.js). A choice
// may lead back to a step already passed: that step is shown as the same choice again.

import { ASSESSMENTS, compute, isMapping, optionOrder, validSeed } from "./scenariowalk.js";

export { compute, optionOrder };

const WORDS = { fits: "Past goed", risky: "Risicovol", advised_against: "Afgeraden" };
// Shapes next to the word, so the assessment never rests on colour alone.
const MARKS = { fits: "\u2713", risky: "!", advised_against: "\u2717" };

let mountCount = 0;

function h(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "className") node.className = value;
    else if (key === "text") node.textContent = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) node.append(child);
  return node;
}

// A choice that leads back to a step already passed shows that step once more: headed
// as a repeat and said to be the same choice again, so it never reads as a new situation.
const AGAIN = "(opnieuw)";
const AGAIN_NOW = "Je keuze bracht je terug bij deze situatie. Je staat weer voor dezelfde keuze en kunt nu iets anders kiezen.";
const AGAIN_TAKEN = "Je stond weer voor dezelfde keuze als eerder.";
const AGAIN_STATUS = "Je staat weer voor dezelfde keuze. Kies eens iets anders.";

function stepHeading(step, number, id, again) {
  const label = step.title ? `Stap ${number}: ${step.title}` : `Stap ${number}`;
  return h("h4", { id, tabindex: "-1", text: again ? `${label} ${AGAIN}` : label });
}

// A step passed before shows the line that says so instead of its situation again
// (the trainee read it above), where it is the step to choose at now, both.
function situation(step, again, now) {
  if (!again) return [h("p", { text: step.situation })];
  const note = h("p", { className: "sc-scenario-again", text: now ? AGAIN_NOW : AGAIN_TAKEN });
  return now ? [note, h("p", { text: step.situation })] : [note];
}

function verdict(assessment) {
  return h("p", { className: `sc-scenario-verdict sc-${assessment}` }, [
    h("span", { "aria-hidden": "true", className: "sc-scenario-mark", text: MARKS[assessment] }),
    " ",
    WORDS[assessment],
  ]);
}

function takenStep(step, choice, number, id, again) {
  const reasons = h("ul", { className: "sc-scenario-reasons" }, choice.reasons.map((r) => h("li", { text: r })));
  return h("li", { className: "sc-scenario-taken", "data-assessment": choice.assessment }, [
    stepHeading(step, number, id, again),
    ...situation(step, again, false),
    h("p", { className: "sc-scenario-chosen" }, [
      h("span", { className: "sc-muted", text: "Jouw keuze: " }),
      h("strong", { text: choice.label }),
    ]),
    verdict(choice.assessment),
    h("p", { className: "sc-scenario-label", text: "Waarom:" }),
    reasons,
    h("p", { className: "sc-scenario-consequence" }, [
      h("strong", { text: "Wat er gebeurt: " }),
      choice.consequence,
    ]),
  ]);
}

function summaryText(counts) {
  const total = ASSESSMENTS.reduce((sum, name) => sum + counts[name], 0);
  return total === 1 ? "Je maakte 1 keuze:" : `Je maakte ${total} keuzes:`;
}

export default {
  render({ model, el }) {
    mountCount += 1;
    const prefix = `${model.get("exercise_id")}-scenario${mountCount}`;
    const spec = model.get("spec");
    const steps = new Map(spec.steps.map((step) => [step.id, step]));
    const choices = new Map();
    for (const step of spec.steps) for (const choice of step.choices) choices.set(choice.id, choice);

    const body = h("div", { className: "sc-scenario-body" });
    const status = h("p", { className: "sc-visually-hidden", role: "status", "aria-live": "polite" });
    const root = h("div", { className: "sc-exercise sc-scenario" }, [h("h3", { text: spec.title })]);
    if (spec.intro) root.append(h("p", { text: spec.intro }));
    if (spec.source) root.append(h("p", { className: "sc-muted sc-scenario-source", text: `Bron: ${spec.source}` }));
    root.append(body, status);
    el.append(root);

    let shownKey = null;
    let result = null;
    // After a change the focus goes to the new heading; after a choice ("verdict") the
    // verdict of that choice is kept in view too, as on a phone it lies above the heading.
    let focusPending = false;

    function announce(message) {
      status.textContent = message;
    }

    function currentSeed() {
      const answers = model.get("answers");
      return isMapping(answers) ? validSeed(answers.seed) : null;
    }

    // A shuffled check needs a seed of its own per trainee; it is stored with the
    // answers so the order survives a reload and reaches Python in Jupyter.
    function ensureSeed(save) {
      if (!spec.shuffle || currentSeed() !== null) return;
      const random = new Uint32Array(1);
      crypto.getRandomValues(random);
      const answers = model.get("answers");
      model.set("answers", { ...(isMapping(answers) ? answers : {}), seed: random[0] });
      if (save) model.save_changes();
    }

    function write(path, message, focus = "heading") {
      focusPending = focus;
      const seed = currentSeed();
      model.set("answers", seed === null ? { path } : { path, seed });
      model.save_changes();
      update();
      announce(message);
    }

    function validPath() {
      return result.steps.map((entry) => entry.choice);
    }

    function choose(choiceId) {
      const choice = choices.get(choiceId);
      const path = validPath().concat([choiceId]);
      const passed = new Set(result.steps.map((entry) => entry.step)).add(result.current);
      let next = "Lees de volgende situatie.";
      if (choice.next === null) next = "Dit is het einde van het pad.";
      else if (passed.has(choice.next)) next = AGAIN_STATUS;
      // A label may end in its own full stop: never read out "facilitator.. Past goed".
      write(path, `Jouw keuze: ${choice.label.replace(/[.!?]$/, "")}. ${WORDS[choice.assessment]}. ${next}`, "verdict");
    }

    function currentStep(stepId, number, again) {
      const step = steps.get(stepId);
      const name = `${prefix}-keuze`;
      const hint = h("p", { className: "sc-scenario-hint", "aria-live": "polite" });
      const shown = result.order[stepId].map((id) => choices.get(id));
      const radios = shown.map((choice, index) => {
        const input = h("input", { type: "radio", name, id: `${prefix}-keuze-${index}`, value: choice.id });
        input.addEventListener("keydown", (event) => {
          // Enter confirms the selected choice; arrow keys only move within the group.
          if (event.key === "Enter") {
            event.preventDefault();
            input.checked = true;
            choose(choice.id);
          }
        });
        return input;
      });
      // The hint sits above the choices: "Kies" moves the focus to the first one, and on a
      // phone a hint under the button was out of view, so the focus seemed to jump for nothing.
      const fieldset = h("fieldset", {}, [
        h("legend", { text: step.question }),
        hint,
        ...shown.map((choice, index) =>
          h("div", { className: "sc-scenario-choice" }, [
            radios[index],
            h("label", { for: radios[index].id, text: choice.label }),
          ]),
        ),
      ]);
      const button = h("button", { type: "button", text: "Kies" });
      button.addEventListener("click", () => {
        const picked = radios.find((input) => input.checked);
        if (!picked) {
          hint.textContent = "Kies eerst een antwoord uit de lijst.";
          radios[0].focus({ preventScroll: true });
          hint.scrollIntoView({ block: "nearest" });
          return;
        }
        choose(picked.value);
      });
      return h("section", { className: "sc-scenario-current", "aria-labelledby": `${prefix}-nu` }, [
        stepHeading(step, number, `${prefix}-nu`, again),
        ...situation(step, again, true),
        fieldset,
        button,
      ]);
    }

    function ending() {
      const counts = h(
        "ul",
        { className: "sc-scenario-counts" },
        ASSESSMENTS.map((name) =>
          h("li", { className: `sc-${name}` }, [
            h("span", { "aria-hidden": "true", className: "sc-scenario-mark", text: MARKS[name] }),
            ` ${WORDS[name]}: ${result.counts[name]}`,
          ]),
        ),
      );
      const parts = [
        h("h4", { id: `${prefix}-nu`, tabindex: "-1", text: "Einde van dit pad" }),
        h("p", { className: "sc-scenario-reflection", text: result.reflection }),
      ];
      if (result.step_back) {
        parts.push(h("p", {
          className: "sc-scenario-step-back",
          text: "Wil je zien hoe het anders kan lopen? Kies hieronder Stap terug en probeer een andere keuze.",
        }));
      }
      if (spec.reflection) {
        parts.push(h("p", { className: "sc-scenario-closing" }, [
          h("strong", { text: "Om over na te denken: " }),
          spec.reflection,
        ]));
      }
      parts.push(h("p", { className: "sc-scenario-summary", text: summaryText(result.counts) }), counts);
      return h("section", { className: "sc-scenario-end sc-feedback", "aria-labelledby": `${prefix}-nu` }, parts);
    }

    function controls() {
      const back = h("button", { type: "button", className: "sc-secondary", text: "Stap terug" });
      const restart = h("button", { type: "button", className: "sc-secondary", text: "Opnieuw beginnen" });
      if (result.steps.length === 0) {
        back.disabled = true;
        restart.disabled = true;
      }
      back.addEventListener("click", () => write(validPath().slice(0, -1), "Je laatste keuze is teruggedraaid."));
      const box = h("div", { className: "sc-scenario-controls" }, [back, restart]);
      restart.addEventListener("click", () => askRestart(box, [back, restart]));
      return box;
    }

    // Restarting wipes every choice at once (a finished check no longer counts as done),
    // so ask first, in place: Jupyter has no host dialog to lean on. The button is
    // disabled until a choice is made, so there is always something to lose here.
    function askRestart(box, shown) {
      const question = "Opnieuw beginnen? Je keuzes in deze oefening worden gewist.";
      const no = h("button", { type: "button", className: "sc-secondary", text: "Nee, ga terug" });
      const yes = h("button", { type: "button", text: "Ja, begin opnieuw" });
      const ask = h("div", { className: "sc-scenario-confirm", role: "group", "aria-labelledby": `${prefix}-vraag` }, [
        h("p", { id: `${prefix}-vraag`, text: question }),
        no,
        yes,
      ]);
      const cancel = () => {
        box.replaceChildren(...shown);
        shown[1].focus();
        announce("Je keuzes blijven staan.");
      };
      no.addEventListener("click", cancel);
      yes.addEventListener("click", () => write([], "Je begint opnieuw bij de eerste situatie."));
      ask.addEventListener("keydown", (event) => {
        if (event.key !== "Escape") return;
        // Escape stays here: a notebook or the slides' overview would act on it too.
        event.preventDefault();
        event.stopPropagation();
        cancel();
      });
      box.replaceChildren(ask);
      // The safe answer has the focus, so Enter never wipes by accident. Moving the focus
      // into the group reads its label, the question: said in the live region as well, a
      // screen reader would say it twice. The region is emptied so no older message lingers.
      no.focus();
      announce("");
    }

    function rebuild() {
      const parts = [];
      if (!result.valid) {
        parts.push(
          h("p", {
            className: "sc-scenario-note",
            text: "Een deel van je eerdere keuzes past niet meer bij deze oefening. Je ziet alleen de keuzes die nog kloppen.",
          }),
        );
      }
      const taken = result.steps.map((entry, index) =>
        takenStep(steps.get(entry.step), choices.get(entry.choice), index + 1, `${prefix}-stap-${index}`, entry.again),
      );
      if (taken.length) parts.push(h("ol", { className: "sc-scenario-path" }, taken));
      parts.push(result.finished ? ending() : currentStep(result.current, result.steps.length + 1, result.current_again));
      parts.push(controls());
      body.replaceChildren(...parts);
    }

    function update() {
      const answers = model.get("answers");
      const key = JSON.stringify(answers === undefined ? null : answers);
      if (key !== shownKey) {
        shownKey = key;
        result = compute(spec, answers);
        rebuild();
      }
      if (focusPending) {
        const reveal = focusPending === "verdict";
        focusPending = false;
        const heading = body.querySelector(`#${CSS.escape(prefix)}-nu`);
        if (!heading) return;
        heading.focus({ preventScroll: reveal });
        if (!reveal) return;
        // "nearest" scrolls only what is out of view; the verdict goes last, so it wins
        // when the verdict and the heading do not fit on the screen together.
        heading.scrollIntoView({ block: "nearest" });
        const verdicts = body.querySelectorAll(".sc-scenario-taken .sc-scenario-verdict");
        verdicts[verdicts.length - 1].scrollIntoView({ block: "nearest" });
      }
    }

    // Save the first seed at once; after "Wis mijn antwoorden" keep the new one in
    // memory only, so clearing does not write to storage straight away.
    ensureSeed(true);
    const onChange = () => {
      ensureSeed(false);
      update();
    };
    model.on("change:answers", onChange);
    update();
    return () => {
      model.off("change:answers", onChange);
      root.remove();
    };
  },
};
