// The one rule for which words a search marks, on the search page's snippets
// (searchresults.js) and on the page opened from a result (markOpenedPage): every word
// with the stem of a searched word, as searchtools.js found the pages by those stems
// (Sphinx's Dutch Stemmer and stopwords, from language_data.js).

// A soft hyphen (hyphenation.py puts them in headings) belongs to its word.
const WORD = /([\p{L}\p{N}_\u00ad]+)/u;
// Where sphinx_highlight.js marks no words either, and what is no text to read.
const SKIP = ".highlighted, .nohighlight, button, select, textarea, svg, script, style, template";

/** The stems of the searched words in `text` (a query or Sphinx's highlight words),
 * without stopwords and numbers, as searchtools.js takes them. */
export function stemsOf(text, stemmer) {
  const skip = typeof stopwords === "undefined" ? [] : stopwords;
  return new Set(text.toLowerCase().split(/[^\p{L}\p{N}_]+/u)
    .filter((word) => word && !skip.includes(word) && !/^\d+$/.test(word))
    .map((word) => stemmer.stemWord(word)));
}

/** Sphinx's stemmer when language_data.js ran, else one that keeps each word. */
export function pageStemmer() {
  return typeof Stemmer === "function" ? new Stemmer() : { stemWord: (word) => word };
}

/** Mark (span.highlighted) every word under `root` whose stem is one of `stems`. */
export function markWords(root, stems, stemmer) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT), texts = [];
  for (let node; (node = walker.nextNode());) if (!node.parentElement.closest(SKIP)) texts.push(node);
  const found = (part, at) => at % 2 === 1 && stems.has(stemmer.stemWord(part.replaceAll("\u00ad", "").toLowerCase()));
  for (const node of texts) {
    const parts = node.data.split(WORD);
    if (!parts.some(found)) continue;
    node.replaceWith(...parts.map((part, at) => {
      if (!found(part, at)) return part;
      const mark = document.createElement("span");
      mark.className = "highlighted";
      mark.textContent = part;
      return mark;
    }));
  }
}

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = src;
    script.onload = resolve;
    script.onerror = reject;
    document.head.append(script);
  });
}

/** On the page opened from a result: mark the words of `highlight` (the address's
 * words, read before sphinx_highlight.js takes them out of it) by their stems, in the
 * part of the page sphinx_highlight.js marks them in. It marks the words only as typed:
 * "netwerken" left every "netwerk" unmarked. */
export async function markOpenedPage(highlight, contentRoot) {
  if (typeof Stemmer !== "function") await loadScript(`${contentRoot}_static/language_data.js`);
  const stemmer = pageStemmer();
  markWords(document.querySelector("div.body") || document.body, stemsOf(highlight, stemmer), stemmer);
}
