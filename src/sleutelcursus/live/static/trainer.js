// The trainer page follows the session live: the server sends an event whenever an
// answer or a participant changes (/trainer/updates, server-sent events); the page then
// fetches the stand again and swaps it in. Without this script the page still shows
// the stand as it was when loaded, with a link to refresh it.
const stand = document.getElementById("sc-stand");
const status = document.getElementById("sc-melding");
let busy = false;
let again = false;

async function refresh() {
  if (busy) {
    again = true; // one more fetch after this one: never drop the newest change
    return;
  }
  busy = true;
  try {
    const response = await fetch(stand.dataset.stand, { cache: "no-store", credentials: "same-origin" });
    if (response.status === 401 || response.status === 410) {
      status.textContent = response.status === 410
        ? "Deze sessie is gewist, met alle bijnamen en antwoorden. Er is niets meer te zien."
        : "De trainerlink is niet meer geldig. Open de nieuwe trainerlink die de server toonde.";
      source.close();
      return;
    }
    if (!response.ok) return;
    const fresh = new DOMParser().parseFromString(await response.text(), "text/html");
    stand.replaceChildren(...fresh.body.childNodes);
    const summary = stand.querySelector("[data-melding]");
    // A polite, short announcement, and only when the counts changed: a screen reader
    // is not interrupted by every redraw.
    if (summary && summary.dataset.melding !== status.textContent) status.textContent = summary.dataset.melding;
  } catch {
    // The server is away for a moment; EventSource reconnects and the next event retries.
  } finally {
    busy = false;
    if (again) {
      again = false;
      refresh();
    }
  }
}

const source = new EventSource(stand.dataset.updates);
source.addEventListener("stand", refresh);
source.addEventListener("error", () => {
  // The browser retries by itself while the server is away; it gives up only when the
  // server refuses (a restart made a new trainer link).
  if (source.readyState === EventSource.CLOSED) {
    status.textContent = "De pagina werkt zich niet meer bij. Open de nieuwe trainerlink of ververs de pagina.";
  }
});
