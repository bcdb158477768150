// The search page's results, as Sphinx's searchtools.js lists them (one <li> per page,
// its link first): each says whom the page is for when it is not a trainee's page, and
// its link carries the search words, so that the page it opens, and only that page,
// highlights them (see book/search_results.py). Its snippet marks the searched words in
// every form the search found them in (markSnippet).

import { markWords, pageStemmer, stemsOf } from "./searchwords.js";

const AUDIENCES_ID = "sc-doelgroepen";
const STORED_WORDS = "sphinx_highlight_terms";
const DONE = "scResult";

function readAudiences() {
  try {
    return JSON.parse(document.getElementById(AUDIENCES_ID)?.textContent || "{}");
  } catch (err) {
    return {};
  }
}

function storedWords() {
  try {
    return localStorage.getItem(STORED_WORDS) || "";
  } catch (err) {
    return "";
  }
}

function markResult(item, audiences) {
  const link = item.querySelector("a");
  if (!link || item.dataset[DONE]) return;
  item.dataset[DONE] = "1";
  const address = (link.getAttribute("href") || "").split("#")[0];
  const audience = audiences[address];
  if (audience) {
    const label = document.createElement("span");
    // "nohighlight": sphinx_highlight.js leaves its words alone when it marks the summary.
    label.className = "sc-doelgroep nohighlight";
    label.textContent = audience;
    link.after(" ", label);
  }
  // searchtools.js stores the words just before it lists the results.
  const words = storedWords();
  if (words) link.search = new URLSearchParams({ highlight: words }).toString();
}

// searchtools.js marks (span.highlighted) a searched word only as it was typed, while it
// finds pages by the word's stem: "netwerken" found "netwerk" and left it unmarked. And the
// headings' soft hyphens (hyphenation.py) hid the word inside a quoted heading. The
// snippet loses those hyphens, and every word with the stem of a searched word is marked.
function markSnippet(snippet, stems, stemmer) {
  snippet.dataset[DONE] = "1";
  const walker = document.createTreeWalker(snippet, NodeFilter.SHOW_TEXT);
  for (let node; (node = walker.nextNode());) node.data = node.data.replaceAll("\u00ad", "");
  markWords(snippet, stems, stemmer);
}

const results = document.getElementById("search-results");
if (results) {
  const audiences = readAudiences();
  const stemmer = pageStemmer();
  const stems = stemsOf(new URLSearchParams(location.search).get("q") || "", stemmer);
  const markAll = () => results.querySelectorAll("ul.search > li").forEach((item) => {
    markResult(item, audiences);
    const snippet = item.querySelector("p.context");
    if (snippet && !snippet.dataset[DONE]) markSnippet(snippet, stems, stemmer);
  });
  new MutationObserver(markAll).observe(results, { childList: true, subtree: true });
  markAll();
}
