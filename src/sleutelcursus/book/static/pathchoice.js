// The learning path the trainee picked, as this browser remembers it. Shared by the
// path navigation (leerpad.js) and the progress overview (progress.js).

import { PATH_KEY, openStorage } from "./answerstore.js";

export { PATH_KEY };
// Sent on this page when the trainee picks another path.
export const PATH_EVENT = "sleutelcursus:leerpad";
// The start page's element that holds the chooser ("Welk leerpad volg jij?").
export const PICKER_ID = "sc-leerpad-kiezen";

/** The path (from the page's path data) the trainee picked, or null. */
export function chosenPath(data, store = openStorage()) {
  let id = null;
  try {
    id = store ? store.getItem(PATH_KEY) : null;
  } catch (err) {
    id = null;
  }
  return data.paths.find((path) => path.id === id) || null;
}
