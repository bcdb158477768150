// Wiping a trainee's answers always asks first, in a native dialog. Used by the static
// host (per exercise, or the whole course), by the progress page and by live.js ("Stop
// met delen" takes the trainee's answers out of the workshop). No imports: in an
// offline workshop export this module is a data: URL, which cannot import by path.

let dialogCount = 0;

function element(tag, props = {}, children = []) {
  const node = Object.assign(document.createElement(tag), props);
  for (const child of children) node.append(child);
  return node;
}

/**
 * Ask before wiping: a native modal dialog (focus moves into it, Escape cancels) whose
 * two buttons say what happens: ``yes`` and ``no``. Resolves to true when the trainee confirmed.
 */
export function confirmWipe(question, detail, yes, no = "Nee, bewaar ze") {
  const dialog = element("dialog", { className: "sc-host-confirm" });
  const heading = element("h2", { id: `sc-wis-vraag-${++dialogCount}`, textContent: question });
  dialog.setAttribute("aria-labelledby", heading.id);
  const form = element("form", { method: "dialog" }, [
    heading,
    element("p", { textContent: detail }),
    element("button", { type: "submit", value: "nee", className: "sc-secondary", textContent: no }),
    element("button", { type: "submit", value: "ja", textContent: yes }),
  ]);
  dialog.append(form);
  document.body.append(dialog);
  return new Promise((resolve) => {
    dialog.addEventListener("close", () => {
      resolve(dialog.returnValue === "ja");
      dialog.remove();
    });
    dialog.showModal();
    // The safe choice has the focus, so Enter never wipes by accident.
    form.querySelector("button[value=nee]").focus();
  });
}

export const WIPE_ALL_LABEL = "Wis alles van deze cursus";
// The question for "Wis alles"; the caller adds ``wipe`` (answerstore.wipeCourse).
export const WIPE_ALL = {
  question: "Alles van deze cursus wissen?",
  detail: "Je antwoorden op alle oefeningen, je bijnaam, je leerpad en je voortgang worden uit deze browser gehaald. Doe je mee met een workshop, dan stopt het delen en worden je antwoorden daar teruggetrokken. Dat kun je niet terugdraaien.",
  yes: "Ja, wis alles",
  done: "Alles van deze cursus is uit deze browser gewist.",
};

/**
 * The wipe buttons' action: ask ``question``; on yes run ``wipe`` and say ``done`` in
 * ``status`` (a live region), on no say that nothing was wiped. Focus goes back to
 * ``button``, in view once the wipe has redrawn the page. Resolves to true when wiped.
 */
export async function wipeAfterAsking(button, status, { question, detail, yes, wipe, done }) {
  const sure = await confirmWipe(question, detail, yes);
  button.focus();
  if (!sure) {
    status.textContent = "Er is niets gewist.";
    return false;
  }
  await wipe();
  status.textContent = done;
  // A wiped exercise is drawn afresh and often much shorter (a scenario back at its
  // first step): the focused button moved far above the screen. It comes back in view.
  if (button.isConnected) requestAnimationFrame(() => button.scrollIntoView({ block: "center" }));
  return true;
}
