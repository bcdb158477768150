// The search page's results, as Sphinx's searchtools.js lists them (one <li> per page,
// its link first): each says whom the page is for when it is not a trainee's page, and
// its link carries the search words, so that the page it opens, and only that page,
// highlights them (see book/search_results.py).

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

const results = document.getElementById("search-results");
if (results) {
  const audiences = readAudiences();
  const markAll = () => results.querySelectorAll("ul.search > li").forEach((item) => markResult(item, audiences));
  new MutationObserver(markAll).observe(results, { childList: true, subtree: true });
  markAll();
}
