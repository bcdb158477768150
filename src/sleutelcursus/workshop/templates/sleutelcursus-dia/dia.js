// Slides for an exported workshop notebook: one slide at a time, keyboard and buttons,
// speaker notes in a second window, and an overview of all slides (Esc or the button). Our own small script instead of reveal.js, which
// takes every <section> inside its slides for a slide of its own (and makes it inert),
// while the exercises render <section> elements themselves.
//
// Markup (nbconvert's reveal cell template): .slides > section (slide) > section
// (subslide); div.fragment (shown one by one); aside.notes (speaker notes).
(function () {
  "use strict";
  var deck = document.querySelector(".sc-slides");
  var slides = [];
  Array.prototype.forEach.call(deck.querySelectorAll(":scope > .slides > section"), function (outer) {
    var inner = outer.querySelectorAll(":scope > section");
    Array.prototype.push.apply(slides, inner.length ? inner : [outer]);
  });
  if (!slides.length) return;
  var current = -1;
  var notesWindow = null;

  function make(tag, props) {
    return Object.assign(document.createElement(tag), props || {});
  }
  var previousButton = make("button", { type: "button", className: "sc-dia-vorige", textContent: "Vorige" });
  var nextButton = make("button", { type: "button", className: "sc-dia-volgende", textContent: "Volgende" });
  var counter = make("span", { className: "sc-dia-teller" });
  var notesButton = make("button", { type: "button", className: "sc-dia-notities", textContent: "Notities" });
  var overviewButton = make("button", { type: "button", className: "sc-dia-overzicht-knop", textContent: "Overzicht" });
  overviewButton.setAttribute("aria-expanded", "false");
  var status = make("p", { className: "sc-dia-status" });
  status.setAttribute("role", "status");
  var bar = make("span");
  var progress = make("div", { className: "sc-dia-voortgang" });
  progress.setAttribute("aria-hidden", "true");
  progress.append(bar);
  var nav = make("nav", { className: "sc-dia-knoppen" });
  nav.setAttribute("aria-label", "Dia's");
  nav.append(previousButton, counter, nextButton, overviewButton, notesButton, status);
  // The overview: every slide by number and title; choosing one goes there.
  var overview = make("nav", { className: "sc-dia-overzicht", id: "sc-dia-overzicht", hidden: true });
  overview.setAttribute("aria-label", "Overzicht van de dia's");
  overviewButton.setAttribute("aria-controls", overview.id);
  var overviewList = make("ol");
  overview.append(make("h2", { textContent: "Alle dia's" }), overviewList);
  deck.append(overview, progress, nav);

  slides.forEach(function (slide, index) {
    // Focusable, so a keyboard can scroll a slide that is taller than the screen.
    slide.tabIndex = 0;
    slide.setAttribute("aria-roledescription", "dia");
    slide.setAttribute("aria-label", "Dia " + (index + 1) + " van " + slides.length);
  });

  function title(slide) {
    var heading = slide.querySelector("h1, h2, h3, h4");
    return heading ? heading.textContent.replace(/\u00b6/g, "").trim() : "";
  }
  function overviewLabel(slide, index) {
    return index + 1 + ". " + (title(slide) || "Dia zonder titel");
  }
  var overviewButtons = slides.map(function (slide, index) {
    var button = make("button", { type: "button", textContent: overviewLabel(slide, index) });
    button.addEventListener("click", function () {
      closeOverview(index);
    });
    var item = make("li");
    item.append(button);
    overviewList.append(item);
    return button;
  });

  function openOverview() {
    slides.forEach(function (slide) {
      slide.hidden = true;
    });
    overview.hidden = false;
    overviewButton.setAttribute("aria-expanded", "true");
    overviewButtons.forEach(function (button, i) {
      // Exercises mount after this script: their headings count from the first opening on.
      button.textContent = overviewLabel(slides[i], i);
      if (i === current) button.setAttribute("aria-current", "true");
      else button.removeAttribute("aria-current");
    });
    status.textContent = "Overzicht van alle " + slides.length + " dia's. Kies een dia, of druk op Esc om terug te gaan.";
    overviewButtons[current].focus();
  }
  function closeOverview(index) {
    overview.hidden = true;
    overviewButton.setAttribute("aria-expanded", "false");
    var target = index === undefined ? current : index;
    current = -1; // so show() announces the slide and writes its notes
    // Back to the same slide: shown whole; to another: its fragments one by one.
    show(target, index === undefined);
    slides[target].focus();
  }
  function toggleOverview() {
    if (overview.hidden) openOverview();
    else closeOverview();
  }

  function hiddenFragments(slide) {
    return slide.querySelectorAll(".fragment.sc-dia-verborgen");
  }

  function writeNotes() {
    if (!notesWindow || notesWindow.closed) return;
    var doc = notesWindow.document;
    var body = doc.querySelector("main");
    body.replaceChildren();
    var notes = slides[current].querySelectorAll("aside.notes");
    body.append(make("h1", { textContent: "Dia " + (current + 1) + " van " + slides.length + (title(slides[current]) ? ": " + title(slides[current]) : "") }));
    if (!notes.length) body.append(make("p", { textContent: "Geen notities bij deze dia." }));
    notes.forEach(function (note) {
      body.append(doc.importNode(note, true));
    });
    if (current + 1 < slides.length) body.append(make("p", { className: "volgende", textContent: "Volgende dia: " + (title(slides[current + 1]) || "zonder titel") }));
  }

  function openNotes() {
    notesWindow = window.open("", "sleutelcursus-notities", "width=720,height=640");
    if (!notesWindow) {
      status.textContent = "Je browser blokkeert het venster met notities. Sta pop-ups toe voor deze pagina.";
      return;
    }
    var doc = notesWindow.document;
    doc.open();
    doc.write('<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Sprekersnotities</title>' +
      "<style>body{font:20px/1.5 system-ui,sans-serif;color:#1b1b1b;margin:1.5rem}h1{font-size:1.3rem;color:#154273}" +
      "aside.notes{display:block}.volgende{border-top:1px solid #6b6b6b;padding-top:.5rem;color:#4a4a4a}</style>" +
      "</head><body><main></main></body></html>");
    doc.close();
    writeNotes();
  }

  function show(index, fromBehind) {
    index = Math.max(0, Math.min(slides.length - 1, index));
    var hadFocus = current >= 0 && slides[current].contains(document.activeElement);
    slides.forEach(function (slide, i) {
      slide.hidden = i !== index;
    });
    // Forwards, the fragments appear one by one; backwards, the slide is shown whole.
    slides[index].querySelectorAll(".fragment").forEach(function (fragment) {
      fragment.classList.toggle("sc-dia-verborgen", !fromBehind);
    });
    var changed = index !== current;
    current = index;
    slides[index].scrollTop = 0;
    counter.textContent = index + 1 + " / " + slides.length;
    previousButton.disabled = index === 0;
    nextButton.disabled = index === slides.length - 1 && !hiddenFragments(slides[index]).length;
    bar.style.width = (100 * (index + 1)) / slides.length + "%";
    deck.dataset.dia = String(index + 1);
    if (changed) {
      history.replaceState(null, "", "#" + (index + 1));
      status.textContent = "Dia " + (index + 1) + " van " + slides.length + (title(slides[index]) ? ": " + title(slides[index]) : "");
      if (hadFocus) slides[index].focus();
      writeNotes();
    }
  }

  function next() {
    var waiting = hiddenFragments(slides[current]);
    if (waiting.length) {
      waiting[0].classList.remove("sc-dia-verborgen");
      nextButton.disabled = current === slides.length - 1 && waiting.length === 1;
    } else {
      show(current + 1, false);
    }
  }
  function previous() {
    show(current - 1, true);
  }

  function canScroll(slide, direction) {
    return direction > 0 ? slide.scrollTop + slide.clientHeight < slide.scrollHeight - 1 : slide.scrollTop > 0;
  }

  // Keys belong to whatever has focus when it uses them itself: an exercise (Space on a
  // button, arrows in a radio group), a button, a link, a text field.
  function ownKeys(target) {
    return target && target.closest && target.closest(".sc-host, button, a, input, select, textarea, summary, [contenteditable]");
  }

  function typing(target) {
    return target && target.closest && target.closest("input:not([type=radio]):not([type=checkbox]), select, textarea, [contenteditable]");
  }

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.altKey || event.metaKey) return;
    // Esc opens and closes the overview from anywhere but a text field.
    if (event.key === "Escape" && !typing(event.target)) {
      event.preventDefault();
      toggleOverview();
      return;
    }
    // Page Down / Page Up (what a presenter's clicker sends) always turn the slide, also
    // with focus inside an exercise: no exercise control uses them.
    if ((event.key === "PageDown" || event.key === "PageUp") && overview.hidden && !typing(event.target)) {
      event.preventDefault();
      if (event.key === "PageDown") next();
      else previous();
      return;
    }
    if (!overview.hidden || ownKeys(event.target)) return;
    var slide = slides[current];
    switch (event.key) {
      case "ArrowRight":
      case "PageDown":
        next();
        break;
      case "ArrowLeft":
      case "PageUp":
        previous();
        break;
      case " ":
        if (event.shiftKey) previous();
        else next();
        break;
      case "ArrowDown":
        if (canScroll(slide, 1)) slide.scrollBy(0, 60);
        else next();
        break;
      case "ArrowUp":
        if (canScroll(slide, -1)) slide.scrollBy(0, -60);
        else previous();
        break;
      case "Home":
        show(0, false);
        break;
      case "End":
        show(slides.length - 1, true);
        break;
      case "s":
      case "S":
        openNotes();
        break;
      default:
        return;
    }
    event.preventDefault();
  });
  previousButton.addEventListener("click", previous);
  nextButton.addEventListener("click", next);
  notesButton.addEventListener("click", openNotes);
  overviewButton.addEventListener("click", toggleOverview);

  function fromHash() {
    var number = parseInt(window.location.hash.slice(1), 10);
    return isNaN(number) ? 0 : number - 1;
  }
  window.addEventListener("hashchange", function () {
    if (!overview.hidden) {
      overview.hidden = true;
      overviewButton.setAttribute("aria-expanded", "false");
    }
    show(fromHash(), false);
  });
  document.documentElement.classList.add("sc-dia-actief");
  show(fromHash(), false);
})();
