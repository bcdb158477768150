// Learning paths in the browser. The trainee picks a path on the start page; this
// browser remembers it (localStorage, nothing is sent). Every page of that path then
// shows "Vorige/Volgende in jouw leerpad", which stays inside the path; the theme's
// own previous/next links keep walking the whole book. The start page and the
// progress page also get the progress overview (progress.js).

import { openStorage } from "./answerstore.js";
import { h } from "./dom.js";
import { PATH_EVENT, PATH_KEY, PICKER_ID, chosenPath } from "./pathchoice.js";

const DATA_ID = "sc-leerpaden";
const NAV_CLASS = "sc-leerpad-nav";

/** The page's path data (see sphinxext.path_data), or null on a page without paths. */
export function pathData() {
  const script = document.getElementById(DATA_ID);
  return script ? JSON.parse(script.textContent) : null;
}

function pathLink(rel, label, page) {
  return h("a", { href: page.url, rel, class: `sc-leerpad-${rel}` }, [
    h("span", { class: "sc-leerpad-richting", text: `${label} in jouw leerpad: ` }),
    h("span", { class: "sc-leerpad-titel", text: page.title }),
  ]);
}

/**
 * The navigation inside the chosen path for this page: on a page of the path, its
 * neighbours; on the start page (where the path is picked), the path's first page.
 * Null on any other page.
 */
export function pathNav(data, path, onStartPage) {
  const index = path.pages.findIndex((page) => page.doc === data.doc);
  if (index < 0 && !onStartPage) return null;
  const nav = h("nav", { class: NAV_CLASS, "aria-label": "Jouw leerpad" });
  const where = index < 0
    ? `${path.title}: ${path.pages.length} pagina's.`
    : `${path.title}: pagina ${index + 1} van ${path.pages.length}.`;
  nav.append(h("p", { class: "sc-leerpad-plaats", text: where }));
  const links = h("div", { class: "sc-leerpad-links" });
  if (index > 0) links.append(pathLink("prev", "Vorige", path.pages[index - 1]));
  if (index + 1 < path.pages.length) links.append(pathLink("next", "Volgende", path.pages[index + 1]));
  else links.append(h("a", { href: data.progress, class: "sc-leerpad-klaar", text: "Je bent aan het eind van je leerpad. Bekijk je voortgang" }));
  nav.append(links);
  return nav;
}

function placeNav(nav) {
  const picker = document.getElementById(PICKER_ID);
  if (picker) {
    picker.after(nav);
    return;
  }
  // Above the theme's own previous/next, which walks the whole book.
  const themeNav = document.querySelector(".prev-next-area");
  if (themeNav) themeNav.before(nav);
  else (document.querySelector("main article, main") || document.body).append(nav);
}

function showNav(data) {
  document.querySelectorAll(`.${NAV_CLASS}`).forEach((node) => node.remove());
  const path = chosenPath(data);
  const nav = path ? pathNav(data, path, Boolean(document.getElementById(PICKER_ID))) : null;
  if (nav) placeNav(nav);
}

function picker(data, holder) {
  const store = openStorage();
  const current = chosenPath(data, store);
  const status = h("p", { class: "sc-leerpad-status", role: "status" });
  const options = [...data.paths.map((path) => [path.id, path.title]), ["", "Geen leerpad: ik kies zelf wat ik lees"]];
  const fieldset = h("fieldset", { class: "sc-leerpad-kiezen" }, [h("legend", { text: "Welk leerpad volg jij?" })]);
  for (const [id, title] of options) {
    const input = h("input", { type: "radio", name: "sc-leerpad", id: `sc-leerpad-${id || "geen"}`, value: id });
    input.checked = (current ? current.id : "") === id;
    fieldset.append(h("div", { class: "sc-leerpad-optie" }, [input, h("label", { for: input.id, text: title })]));
  }
  fieldset.addEventListener("change", (event) => {
    const id = event.target.value;
    try {
      if (store && id) store.setItem(PATH_KEY, id);
      else if (store) store.removeItem(PATH_KEY);
    } catch (err) {
      // Storage full or forbidden: the choice holds for this page only.
    }
    const path = data.paths.find((p) => p.id === id);
    status.textContent = path
      ? `Je volgt nu het ${path.title.toLowerCase()}. Deze browser onthoudt dat.`
      : "Je volgt geen leerpad. Gebruik de inhoudsopgave om te kiezen wat je leest.";
    showNav(data);
    window.dispatchEvent(new CustomEvent(PATH_EVENT));
  });
  const note = store ? [] : [h("p", { text: "Deze browser kan je keuze niet onthouden. Kies opnieuw als je terugkomt." })];
  holder.replaceChildren(fieldset, ...note, status);
}

function start() {
  const data = pathData();
  if (!data) return;
  const holder = document.getElementById(PICKER_ID);
  if (holder) picker(data, holder);
  showNav(data);
  // Another tab picked a path, or everything was wiped.
  window.addEventListener("storage", (event) => {
    if (event.key === PATH_KEY || event.key === null) showNav(data);
  });
  window.addEventListener("sleutelcursus:gewist", () => {
    if (holder) picker(data, holder);
    showNav(data);
  });
  if (document.querySelector("#sc-voortgang, #sc-voortgang-kort")) {
    import("./progress.js").then((progress) => progress.start(data));
  }
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
