/* A map whose whole regions answer a tap or a click, as a Streamlit component (protocol v1).
 *
 * Loaded as a file (no inline script, nothing from another host), so it runs under the app's
 * Content-Security-Policy (script-src 'self'). It speaks Streamlit's component protocol with
 * postMessage directly: "componentReady" once, then "render" carries the arguments; the chosen
 * region goes back with "setComponentValue" as {kode, n} (n makes every tap a new value).
 *
 * Two modes:
 * - "svg": the kab/kota drawn as SVG paths, each inside a link to its profile. Every text is set
 *   with textContent/setAttribute, never parsed as HTML.
 * - "frame": the Leaflet kecamatan map, a file under /app/static/maps/ running in its own
 *   sandbox; its taps arrive as {kesos: "kecamatan", kode} messages from that frame only, and a
 *   chosen kecamatan is sent back to it to be outlined.
 */
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var root = document.getElementById("root");
  var mapFrame = null;
  var frameSrc = null;
  var chosen = "";
  var lastHeight = -1;
  var lastKey = null;

  function send(type, extra) {
    var message = {isStreamlitMessage: true, type: type};
    Object.keys(extra || {}).forEach(function (k) { message[k] = extra[k]; });
    window.parent.postMessage(message, "*");
  }

  function choose(kode) {
    send("streamlit:setComponentValue", {value: {kode: kode, n: Date.now()}, dataType: "json"});
  }

  function fitHeight() {
    var height = Math.ceil(root.getBoundingClientRect().height);
    if (height !== lastHeight) {
      lastHeight = height;
      send("streamlit:setFrameHeight", {height: height});
    }
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function showTip(tip, lines, event) {
    tip.textContent = "";
    lines.forEach(function (line, i) { tip.appendChild(el(i === 0 ? "b" : "div", "", line)); });
    tip.style.display = "block";
    var box = root.getBoundingClientRect();
    var x = event.clientX - box.left + 14;
    var y = event.clientY - box.top + 14;
    x = Math.max(0, Math.min(x, box.width - tip.offsetWidth - 2));
    if (y + tip.offsetHeight > box.height) y = event.clientY - box.top - tip.offsetHeight - 10;
    tip.style.left = x + "px";
    tip.style.top = Math.max(0, y) + "px";
  }

  function drawSvg(spec) {
    root.textContent = "";
    root.appendChild(el("div", "title", spec.title));
    root.appendChild(el("div", "sub", spec.subtitle));
    if (spec.contoh) root.appendChild(el("div", "contoh", spec.contoh));
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("class", "map");
    svg.setAttribute("viewBox", "0 0 " + spec.width + " " + spec.height);
    svg.setAttribute("role", "group");
    svg.setAttribute("aria-label", spec.title + " — " + spec.hint);
    var tip = el("div", "tip");
    tip.setAttribute("aria-hidden", "true");
    spec.regions.forEach(function (region) {
      var link = document.createElementNS(SVG, "a");
      link.setAttribute("href", region.href);
      link.setAttribute("target", "_top");
      link.setAttribute("aria-label", region.tip.join(", "));
      link.setAttribute("data-kode", region.kode);
      if (region.kode === spec.selected) link.setAttribute("class", "chosen");
      var path = document.createElementNS(SVG, "path");
      path.setAttribute("d", region.d);
      path.setAttribute("fill", region.fill);
      link.appendChild(path);
      link.addEventListener("click", function (event) {
        // A plain tap or click goes through the app (no page reload); a modified click opens the link.
        if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        svg.querySelectorAll("a.chosen").forEach(function (a) { a.removeAttribute("class"); });
        link.setAttribute("class", "chosen");
        tip.style.display = "none";
        choose(region.kode);
      });
      link.addEventListener("mousemove", function (event) { showTip(tip, region.tip, event); });
      link.addEventListener("mouseleave", function () { tip.style.display = "none"; });
      svg.appendChild(link);
    });
    root.appendChild(svg);
    var legend = el("ul", "legend");
    spec.legend.forEach(function (item) {
      var li = el("li");
      var swatch = el("i");
      swatch.style.background = item.color;
      li.appendChild(swatch);
      li.appendChild(document.createTextNode(item.label));
      legend.appendChild(li);
    });
    root.appendChild(legend);
    var foot = el("div", "foot");
    spec.footer.forEach(function (line) { foot.appendChild(el("div", "", line)); });
    root.appendChild(foot);
    if (spec.hint) root.appendChild(el("div", "hint", spec.hint));
    root.appendChild(tip);
  }

  function drawFrame(spec) {
    if (frameSrc !== spec.src) {
      root.textContent = "";
      mapFrame = el("iframe", "kec");
      mapFrame.setAttribute("title", spec.title);
      mapFrame.style.height = spec.height + "px";
      mapFrame.addEventListener("load", function () { outline(chosen); });
      mapFrame.src = spec.src;
      frameSrc = spec.src;
      root.appendChild(mapFrame);
      if (spec.hint) root.appendChild(el("div", "hint", spec.hint));
    }
    chosen = spec.selected || "";
    outline(chosen);
  }

  function outline(kode) {
    if (mapFrame && mapFrame.contentWindow) {
      mapFrame.contentWindow.postMessage({kesos: "pilih", kode: kode || ""}, "*");
    }
  }

  window.addEventListener("message", function (event) {
    var data = event.data;
    if (!data || typeof data !== "object") return;
    if (event.source === window.parent && data.type === "streamlit:render") {
      var spec = data.args && data.args.spec;
      if (!spec) return;
      var key = JSON.stringify(spec);
      if (key === lastKey) return;  // a rerun with the same map: keep zoom, focus and tooltip
      lastKey = key;
      if (spec.mode === "frame") drawFrame(spec); else drawSvg(spec);
      fitHeight();
      return;
    }
    if (mapFrame && event.source === mapFrame.contentWindow && data.kesos === "kecamatan"
        && typeof data.kode === "string" && /^\d{7}$/.test(data.kode)) {
      chosen = data.kode;
      outline(chosen);
      choose(data.kode);
    }
  });

  if (window.ResizeObserver) new ResizeObserver(fitHeight).observe(root);
  window.addEventListener("resize", fitHeight);
  send("streamlit:componentReady", {apiVersion: 1});
})();
