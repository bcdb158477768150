// The one DOM helper of the book's own scripts (path links, progress, answers view).

/** An element with attributes (``text`` sets its text) and children. */
export function h(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "text") node.textContent = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) node.append(child);
  return node;
}
