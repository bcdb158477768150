// The live workshop's join form (issue 16), a native modal dialog opened by live.js:
// the code and an optional nickname, each with its error under it (read with the field),
// and the dialog that says a page no workshop server served has nothing to join. Also
// the small DOM helpers live.js builds its bar and toolbar lines with.

import { NICKNAME_KEY } from "./answerstore.js";
import { call, join, kv, normaliseCode, onWorkshopServer, refusal, shown } from "./livesession.js";

const NO_SERVER = "Op dit adres draait geen workshopserver. Open de link of het adres dat je trainer geeft.";
const NOT_HERE = [
  "Deze pagina staat niet op de server van een workshop. Hier kun je dus niet meedoen.",
  "Doe je mee aan een workshop? Je trainer laat een adres en een QR-code zien, zoals "
    + "http://192.168.1.20:8000/doe-mee/ABCD-EFGH. Typ dat adres in de adresbalk van je browser, "
    + "of scan de QR-code met je telefoon. Daar staat dezelfde cursus, en daar kun je meedoen.",
  "Wat je hier al hebt ingevuld, blijft in deze browser op dit adres. Het gaat niet mee naar de workshop.",
];
const BUSY = "Bezig met aanmelden…";

/** A new ``tag`` element with ``props`` and ``children``. */
export function element(tag, props = {}, children = []) {
  const node = Object.assign(document.createElement(tag), props);
  for (const child of children) node.append(child);
  return node;
}

/** A workshop code, "ABCD-EFGH", on one line: a break at its dash would read as two codes. */
export const codeText = (code) => element("span", { className: "sc-live-code", textContent: shown(code) });

// What a join that the form's input did not let happen says (trainee_api.py answers it
// with 200, a ``staat`` and the field: an error status would be a console error on this page).
const NOT_JOINED = {
  onbekend: "Er is geen workshop met deze code. Kijk de code na.",
  gesloten: "Deze workshop is gesloten. Vraag je trainer om de code van de nieuwe workshop.",
  verlopen: "Deze workshop is voorbij: de tijd is om. Vraag je trainer om de code van de nieuwe workshop.",
};

// Too many wrong codes: when to try again (``wacht``, whole seconds from the server).
function tooMany(seconds) {
  const wait = Math.max(1, Math.ceil(Number(seconds) || 1));
  return `Te veel pogingen. Wacht ${wait} ${wait === 1 ? "seconde" : "seconden"} en probeer het dan opnieuw.`;
}

// [message, the field it is about ("code", "bijnaam") or null for the form as a whole].
function joinError(status, answer) {
  if (status === 200 && answer?.veld === "bijnaam" && answer.detail) return [answer.detail, "bijnaam"];
  if (status === 200 && answer?.staat === "te-veel-pogingen") return [tooMany(answer.wacht), "code"];
  if (status === 200 && answer?.veld === "code") return [NOT_JOINED[answer.staat] || NOT_JOINED.onbekend, "code"];
  if (status === 404 || status === 405 || status === 501) return [NO_SERVER, null];
  return [`Meedoen lukte niet (foutcode ${status}). Probeer het later opnieuw.`, null];
}

// A field with its label, its hint (a list of parts) and, under the field, the error
// about it (``fieldError``): read with the field (aria-describedby), not elsewhere.
function field(id, label, input, hint) {
  input.id = id;
  const parts = [element("label", { htmlFor: id, textContent: label })];
  if (hint) {
    parts.push(element("p", { id: `${id}-uitleg`, className: "sc-live-hint" }, hint));
  }
  const error = element("p", { id: `${id}-fout`, className: "sc-live-fout", hidden: true });
  const box = element("div", { className: "sc-live-field" }, [...parts, input, error]);
  fieldError(input, null);
  return box;
}

function fieldError(input, text) {
  const box = input.parentElement;
  const error = box.querySelector(".sc-live-fout");
  error.textContent = text || "";
  error.hidden = !text;
  const ids = [box.querySelector(".sc-live-hint"), text ? error : null].filter(Boolean).map((node) => node.id);
  if (ids.length) input.setAttribute("aria-describedby", ids.join(" "));
  else input.removeAttribute("aria-describedby");
  input.setAttribute("aria-invalid", String(Boolean(text)));
}

async function submit(inputs, status, joined) {
  const { code: codeInput, bijnaam: nickInput } = inputs;
  const code = normaliseCode(codeInput.value);
  fieldError(nickInput, null);
  status.textContent = "";
  if (!code) {
    fieldError(codeInput, "Een code heeft 8 letters en cijfers, zoals ABCD-EFGH.");
    codeInput.focus();
    return false;
  }
  fieldError(codeInput, null);
  status.textContent = "Even geduld, je wordt aangemeld.";
  const nickname = nickInput.value.trim();
  try {
    const response = await call("POST", "deelnemen", { body: { code, bijnaam: nickname || null } });
    if (response.status !== 201) {
      const [text, about] = joinError(response.status, await refusal(response));
      status.textContent = about ? "" : text;
      if (about) {
        // Said where it belongs, and read out there: focus goes to the field to fix.
        fieldError(inputs[about], text);
        inputs[about].focus();
      }
      return false;
    }
    const data = await response.json();
    join({ code: normaliseCode(data.sessie) || code, token: data.deelnemer, nickname });
    joined();
    return true;
  } catch (err) {
    status.textContent = NO_SERVER;
    return false;
  }
}

// The dialog on a page no workshop server serves: there is nothing to join here.
function notHere(dialog, heading) {
  const texts = NOT_HERE.map((text, index) => element("p", { id: `sc-live-nergens-${index}`, textContent: text }));
  dialog.setAttribute("aria-describedby", texts.map((text) => text.id).join(" "));
  const close = element("button", { type: "button", textContent: "Sluiten" });
  close.addEventListener("click", () => dialog.close());
  dialog.append(heading, ...texts, element("div", { className: "sc-live-knoppen" }, [close]));
  return close;
}

function joinForm(dialog, heading, code, { nickname, joined }) {
  const codeInput = element("input", { type: "text", value: code, autocomplete: "off", spellcheck: false });
  codeInput.setAttribute("autocapitalize", "characters");
  const nickInput = element("input", { type: "text", autocomplete: "nickname", maxLength: 40 });
  nickInput.value = nickname || kv.getItem(NICKNAME_KEY) || "";
  const status = element("p", { className: "sc-live-status" });
  status.setAttribute("role", "status");
  const cancel = element("button", { type: "button", className: "sc-secondary", textContent: "Annuleren" });
  cancel.addEventListener("click", () => dialog.close());
  const send = element("button", { type: "submit", textContent: "Doe mee" });
  const form = element("form", {}, [
    heading,
    element("p", { textContent: `Als je meedoet, stuurt deze browser je antwoorden op de oefeningen en je bijnaam naar de workshop van je trainer op ${window.location.host}, tot je op "Stop met delen" drukt.` }),
    field("sc-live-code", "Code van de workshop", codeInput, ["8 letters en cijfers, bijvoorbeeld ", codeText("ABCDEFGH")]),
    field("sc-live-bijnaam", "Bijnaam (niet verplicht)", nickInput),
    status,
    element("div", { className: "sc-live-knoppen" }, [send, cancel]),
  ]);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (send.getAttribute("aria-disabled") === "true") return;
    // Not disabled: the button keeps the focus while it says that it is busy.
    send.setAttribute("aria-disabled", "true");
    send.textContent = BUSY;
    const done = await submit({ code: codeInput, bijnaam: nickInput }, status, joined);
    send.removeAttribute("aria-disabled");
    send.textContent = "Doe mee";
    if (done) dialog.close();
  });
  dialog.append(form);
  // From a join link the code is filled in already: the nickname is what is left to type.
  return code ? nickInput : codeInput;
}

/**
 * The join form, a native modal dialog; ``code`` prefills it (from a join link) and
 * ``nickname`` the nickname field (else the course's nickname). ``joined()`` runs once
 * the trainee joined, ``closed()`` when the dialog has gone (the caller places the
 * focus). On a page that no workshop server serves, the dialog says so and how to get
 * to one. Returns the open dialog (the one already open, if any).
 */
export function openForm(code, { nickname = null, joined, closed }) {
  const open = document.querySelector("dialog.sc-live-form");
  if (open) return open;
  const dialog = element("dialog", { className: "sc-host-confirm sc-live-form" });
  const heading = element("h2", { id: "sc-live-titel", textContent: "Doe mee met de workshop" });
  dialog.setAttribute("aria-labelledby", heading.id);
  const first = onWorkshopServer() ? joinForm(dialog, heading, code, { nickname, joined }) : notHere(dialog, heading);
  dialog.addEventListener("close", () => {
    dialog.remove();
    closed();
  });
  document.body.append(dialog);
  dialog.showModal();
  first.focus();
  return dialog;
}
