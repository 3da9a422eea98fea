/* Layar Briefing rotation. Runs for a whole day: one interval, one key listener per document, no
   nodes created after start (slides are shown and hidden, texts replaced in place). The slide number
   lives in the page address (#3), written with replaceState so history does not grow. */
(function () {
  "use strict";
  var deck = document.getElementById("deck");
  var slides = deck.querySelectorAll(".slide");
  var count = slides.length;
  var period = Number(deck.getAttribute("data-seconds")) * 1000;
  var counter = document.getElementById("counter");
  var bar = document.getElementById("bar");
  var pausedNote = document.getElementById("paused");
  var host = window;
  try { if (window.parent && window.parent !== window && window.parent.document) { host = window.parent; } } catch (e) { host = window; }
  var index = -1, left = period, paused = false, last = Date.now();

  function fromHash() {
    var m = /^#(\d+)$/.exec(host.location.hash || "");
    var n = m ? parseInt(m[1], 10) : 1;
    return (n >= 1 && n <= count) ? n - 1 : 0;
  }
  function show(next) {
    next = ((next % count) + count) % count;
    if (index >= 0) { slides[index].hidden = true; }
    slides[next].hidden = false;
    index = next;
    left = period;
    counter.textContent = (index + 1) + " / " + count;
    deck.setAttribute("data-current", String(index + 1));
    try { host.history.replaceState(host.history.state, "", "#" + (index + 1)); } catch (e) { /* sandboxed: no address */ }
  }
  function setPaused(value) {
    paused = value;
    pausedNote.hidden = !paused;
    deck.setAttribute("data-paused", paused ? "1" : "0");
  }
  function tick() {
    var now = Date.now();
    if (!paused) {
      left -= now - last;
      if (left <= 0) { show(index + 1); }
    }
    last = now;
    bar.style.transform = "scaleX(" + Math.min(1, Math.max(0, 1 - left / period)).toFixed(4) + ")";
  }
  function onKey(event) {
    var key = event.key;
    if (key === " " || key === "Spacebar" || key === "k") { setPaused(!paused); }
    else if (key === "ArrowRight" || key === "PageDown" || key === "ArrowDown") { show(index + 1); }
    else if (key === "ArrowLeft" || key === "PageUp" || key === "ArrowUp") { show(index - 1); }
    else if (key === "Home") { show(0); }
    else if (key === "End") { show(count - 1); }
    else { return; }
    event.preventDefault();
  }
  function fit() {
    var w = window.innerWidth, h = window.innerHeight;
    var s = Math.min(w / 1920, h / 1080);
    deck.style.transform = "translate(" + ((w - 1920 * s) / 2) + "px," + ((h - 1080 * s) / 2) + "px) scale(" + s + ")";
  }

  document.addEventListener("keydown", onKey);
  if (host !== window) {
    // A clicker types into the page that has focus, usually the Streamlit page around this frame.
    // Replace any listener left by an earlier copy of this frame rather than adding a second one.
    if (host.__briefingKeys) { host.document.removeEventListener("keydown", host.__briefingKeys); }
    host.__briefingKeys = onKey;
    host.document.addEventListener("keydown", onKey);
    window.addEventListener("pagehide", function () {
      host.document.removeEventListener("keydown", onKey);
      if (host.__briefingKeys === onKey) { host.__briefingKeys = null; }
    });
  }
  window.addEventListener("resize", fit);
  for (var i = 0; i < count; i += 1) { slides[i].hidden = true; }
  fit();
  setPaused(false);
  show(fromHash());
  setInterval(tick, 250);
}());
