/* sitrep dashboard: map, timeline, events, stories with claims, articles with evidence.
 *
 * Security rule: text from articles (and any other API string) only ever reaches the page
 * through textContent / createTextNode; innerHTML is never used.
 */
(function () {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";
  var KINDS = [
    ["entity", "entity", "#8e44ad"],
    ["quote", "quote", "#fff2b3"],
    ["cue", "cue", "#ffd08a"],
    ["speaker", "speaker", "#cfe8ff"],
    ["place", "place", "#c9f0cf"],
    ["time", "time", "#f6d5f1"],
    ["event", "event trigger", "#c0392b"],
  ];

  var map, countryLayer, eventLayer;
  var current = { article: null, story: null };

  // -- helpers ------------------------------------------------------------------------------
  function el(tag, attrs) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        if (k === "text") node.textContent = attrs[k];
        else if (k === "cls") node.className = attrs[k];
        else node.setAttribute(k, attrs[k]);
      });
    }
    for (var i = 2; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === null || child === undefined) continue;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function status(message, isError) {
    var s = document.getElementById("status");
    s.textContent = message;
    s.className = isError ? "error" : "";
  }

  function getJSON(url) {
    return fetch(url, { headers: { Accept: "application/json" } }).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) {
          var msg = body && body.error ? body.error.message : r.statusText;
          throw new Error(msg);
        }
        return body;
      });
    });
  }

  function filterParams() {
    var form = document.getElementById("filters");
    var params = new URLSearchParams();
    Array.prototype.forEach.call(form.elements, function (input) {
      if (input.name && input.value) params.set(input.name, input.value);
    });
    return params;
  }

  function withParams(path, params) {
    var q = params.toString();
    return q ? path + "?" + q : path;
  }

  // -- map ----------------------------------------------------------------------------------
  function initMap() {
    map = L.map("map", { worldCopyJump: true, minZoom: 1, maxZoom: 10 }).setView([30, 10], 2);
    map.attributionControl.addAttribution("Natural Earth (public domain)");
    eventLayer = L.layerGroup().addTo(map);
    window.sitrep = { map: map, events: eventLayer };  // for debugging and browser tests
    return getJSON("/static/vendor/countries-110m.json").then(function (topo) {
      var countries = topojson.feature(topo, topo.objects.countries);
      countryLayer = L.geoJSON(countries, {
        style: { color: "#9aa0a6", weight: 0.6, fillColor: "#f2efe6", fillOpacity: 1 },
        interactive: false,
      }).addTo(map);
      countryLayer.bringToBack();
    });
  }

  function eventPopup(ev) {
    var box = el("div", { cls: "popup" });
    box.appendChild(el("strong", { text: (ev.plover_type || ev.acled_event_type || "event") }));
    box.appendChild(document.createTextNode(" " + (ev.date || "") + " (" + ev.modality + ")"));
    box.appendChild(el("div", { text: ev.location || "" }));
    box.appendChild(el("div", { text: ev.evidence_text }));
    var link = el("a", { href: "#article=" + encodeURIComponent(ev.article_id), text: "open article" });
    box.appendChild(link);
    return box;
  }

  function drawEvents(events) {
    eventLayer.clearLayers();
    var points = [];
    events.forEach(function (ev) {
      if (ev.lat === null || ev.lon === null) return;
      var marker = L.circleMarker([ev.lat, ev.lon], {
        radius: 7,
        color: "#7b1e12",
        weight: 1,
        fillColor: ev.modality === "denied" ? "#7f8c8d" : "#c0392b",
        fillOpacity: 0.85,
        className: "event-marker",
      });
      marker.bindPopup(eventPopup(ev));
      marker.bindTooltip((ev.location || "") + " " + (ev.plover_type || ""));
      marker.addTo(eventLayer);
      points.push([ev.lat, ev.lon]);
    });
    if (points.length) map.fitBounds(L.latLngBounds(points).pad(0.5), { maxZoom: 5, animate: false });
  }

  // -- timeline -----------------------------------------------------------------------------
  function drawTimeline(bins) {
    var svg = document.getElementById("timeline");
    clear(svg);
    var width = svg.clientWidth || 600, height = 90, pad = 14;
    if (!bins.length) {
      var t = document.createElementNS(SVG, "text");
      t.setAttribute("x", 4); t.setAttribute("y", 40);
      t.textContent = "no dated events";
      svg.appendChild(t);
      return;
    }
    var max = Math.max.apply(null, bins.map(function (b) { return b.count; }));
    var w = Math.max(2, (width - 8) / bins.length);
    bins.forEach(function (b, i) {
      var h = Math.max(2, ((height - 2 * pad) * b.count) / max);
      var r = document.createElementNS(SVG, "rect");
      r.setAttribute("class", "bar");
      r.setAttribute("x", 4 + i * w);
      r.setAttribute("y", height - pad - h);
      r.setAttribute("width", Math.max(1, w - 1));
      r.setAttribute("height", h);
      var title = document.createElementNS(SVG, "title");
      title.textContent = b.date + ": " + b.count;
      r.appendChild(title);
      r.addEventListener("click", function () {
        var form = document.getElementById("filters");
        form.elements.since.value = b.date.length === 10 ? b.date : "";
        form.elements.until.value = b.date.length === 10 ? b.date : "";
        refresh();
      });
      svg.appendChild(r);
    });
    [[bins[0].date, 4, "start"], [bins[bins.length - 1].date, width - 4, "end"]].forEach(function (a) {
      var label = document.createElementNS(SVG, "text");
      label.setAttribute("x", a[1]); label.setAttribute("y", height - 2);
      label.setAttribute("text-anchor", a[2]);
      label.textContent = a[0];
      svg.appendChild(label);
    });
  }

  // -- events table -------------------------------------------------------------------------
  function drawEventTable(page) {
    var body = document.querySelector("#events tbody");
    clear(body);
    document.getElementById("events-count").textContent =
      "(" + page.items.length + " of " + page.total + ")";
    page.items.forEach(function (ev) {
      var actors = [ev.actor1, ev.actor2].filter(Boolean).join(" → ");
      var row = el("tr", { cls: "event-row" },
        el("td", { text: ev.date || "" }),
        el("td", { text: ev.plover_type || ev.acled_event_type || "" }),
        el("td", { text: ev.modality }),
        el("td", { text: actors }),
        el("td", { text: ev.location || "" }),
        el("td", { text: ev.evidence_text }));
      row.addEventListener("click", function () { location.hash = "article=" + encodeURIComponent(ev.article_id); });
      body.appendChild(row);
    });
  }

  // -- stories and claims -------------------------------------------------------------------
  function drawStories(page) {
    var list = document.getElementById("stories");
    clear(list);
    if (!page.items.length) list.appendChild(el("li", { text: "no stories yet" }));
    page.items.forEach(function (s) {
      var item = el("li", { "data-story": s.id },
        el("span", { text: s.title || s.id }), " ",
        el("span", { cls: "badge", text: s.articles + " art." }), " ",
        el("small", { text: [s.start, s.end].filter(Boolean).join(" – ") }));
      item.addEventListener("click", function () { location.hash = "story=" + encodeURIComponent(s.id); });
      list.appendChild(item);
    });
  }

  function showStory(id) {
    return getJSON("/stories/" + encodeURIComponent(id)).then(function (story) {
      current.story = story;
      document.getElementById("story").hidden = false;
      document.getElementById("story-title").textContent = story.title;
      document.getElementById("story-meta").textContent =
        story.article_ids.length + " articles, " + [story.start, story.end].filter(Boolean).join(" – ") +
        ", " + story.claims.length + " claims";
      Array.prototype.forEach.call(document.querySelectorAll("#stories li"), function (li) {
        li.classList.toggle("active", li.getAttribute("data-story") === id);
      });
      var box = document.getElementById("claims");
      clear(box);
      var groups = {}, order = [];
      story.claims.forEach(function (c, i) {
        var key = c.proposition || "(other)";
        if (!groups[key]) { groups[key] = []; order.push(key); }
        groups[key].push(i);
      });
      order.sort(function (a, b) {
        var ca = groups[a].some(function (i) { return story.claims[i].contradicts.length; });
        var cb = groups[b].some(function (i) { return story.claims[i].contradicts.length; });
        return (cb ? 1 : 0) - (ca ? 1 : 0);
      });
      order.forEach(function (key) {
        var members = groups[key];
        var contested = members.some(function (i) { return story.claims[i].contradicts.length; });
        var block = el("div", { cls: "proposition" + (contested ? " contested" : "") },
          el("h4", { text: (contested ? "contested: " : "") + key }));
        var table = el("table", { cls: "claims-table" },
          el("thead", null, el("tr", null,
            el("th", { text: "#" }), el("th", { text: "speaker" }), el("th", { text: "stance" }),
            el("th", { text: "claim" }), el("th", { text: "outlet" }), el("th", { text: "contradicts" }))));
        var tbody = el("tbody");
        // denials first, then what they contradict, so they sit side by side
        members.slice().sort(function (a, b) {
          return (story.claims[a].stance === "deny" ? 0 : 1) - (story.claims[b].stance === "deny" ? 0 : 1);
        }).forEach(function (i) {
          var c = story.claims[i];
          var contra = c.contradicts.map(function (j) {
            return "#" + j + " " + (story.claims[j].speaker || "?");
          }).join("; ");
          var row = el("tr", {
              cls: "claim stance-" + c.stance + (c.contradicts.length ? " has-contradiction" : ""),
              "data-claim": String(i),
            },
            el("td", { text: String(i) }),
            el("td", { text: c.speaker || "(unattributed)" }),
            el("td", { cls: "stance" }, el("span", { text: c.stance + (c.hedged ? " (hedged)" : "") })),
            el("td", { cls: "sentence", text: c.sentence }),
            el("td", { text: c.outlet || "" }),
            el("td", { cls: "contra", text: contra ? "✗ " + contra : "" }));
          row.addEventListener("click", function () {
            location.hash = "article=" + encodeURIComponent(c.article_id) + "&quote=" + c.quote_index;
          });
          tbody.appendChild(row);
        });
        table.appendChild(tbody);
        block.appendChild(table);
        box.appendChild(block);
      });
      if (!story.claims.length) box.appendChild(el("p", { text: "no claims in this story" }));
    }).catch(function (err) { status("story: " + err.message, true); });
  }

  // -- article view -------------------------------------------------------------------------
  function annotations(a) {
    var out = [];
    function add(span, kind, extra) {
      if (!span || span.end <= span.start) return;
      out.push({ start: span.start, end: span.end, kind: kind, quote: extra });
    }
    a.mentions.forEach(function (m) { add(m.span, "entity"); });
    a.quotes.forEach(function (q, i) {
      var parts = q.content_segments && q.content_segments.length ? q.content_segments : [q.content];
      parts.forEach(function (s) { add(s, "quote", i); });
      add(q.cue, "cue", i);
      add(q.source, "speaker", i);
    });
    a.places.forEach(function (p) { add(p.span, "place"); });
    a.times.forEach(function (t) { add(t.span, "time"); });
    a.events.forEach(function (e) { add(e.trigger, "event"); });
    return out;
  }

  function renderText(a) {
    var box = document.getElementById("article-text");
    clear(box);
    var text = a.text || "";
    var anns = annotations(a);
    var cuts = [0, text.length];
    anns.forEach(function (x) { cuts.push(Math.min(x.start, text.length), Math.min(x.end, text.length)); });
    cuts = cuts.filter(function (v, i, all) { return all.indexOf(v) === i; }).sort(function (x, y) { return x - y; });
    for (var i = 0; i + 1 < cuts.length; i++) {
      var s = cuts[i], e = cuts[i + 1];
      var piece = text.slice(s, e);
      var covering = anns.filter(function (x) { return x.start <= s && e <= x.end; });
      if (!covering.length) { box.appendChild(document.createTextNode(piece)); continue; }
      var kinds = {}, quotes = {};
      covering.forEach(function (x) {
        kinds["hl-" + x.kind] = true;
        if (x.quote !== undefined) quotes[x.quote] = true;
      });
      var span = el("span", { cls: "hl " + Object.keys(kinds).join(" "), text: piece });
      var qs = Object.keys(quotes);
      if (qs.length) {
        span.setAttribute("data-quotes", " " + qs.join(" ") + " ");
        span.addEventListener("click", (function (q) { return function () { activateQuote(Number(q)); }; })(qs[0]));
      }
      box.appendChild(span);
    }
  }

  function activateQuote(index) {
    Array.prototype.forEach.call(document.querySelectorAll("#article-text .active, #quotes .active"), function (n) {
      n.classList.remove("active");
    });
    var hits = document.querySelectorAll('#article-text [data-quotes*=" ' + index + ' "]');
    Array.prototype.forEach.call(hits, function (n) { n.classList.add("active"); });
    var item = document.querySelector('#quotes li[data-quote="' + index + '"]');
    if (item) item.classList.add("active");
    if (hits.length) hits[0].scrollIntoView({ block: "center" });
  }

  function drawLegend() {
    var legend = document.getElementById("legend");
    clear(legend);
    KINDS.forEach(function (k) {
      var box = el("input", { type: "checkbox" });
      box.checked = true;
      box.addEventListener("change", function () {
        document.getElementById("article-text").classList.toggle("hide-" + k[0], !box.checked);
      });
      var sw = el("span", { cls: "sw" });
      sw.style.background = k[2];
      legend.appendChild(el("label", { cls: "legend-" + k[0] }, box, sw, k[1]));
    });
  }

  function showArticle(id, quote) {
    return getJSON("/articles/" + encodeURIComponent(id)).then(function (a) {
      current.article = a;
      document.getElementById("article").hidden = false;
      document.getElementById("article-title").textContent = a.title || a.id;
      document.getElementById("article-meta").textContent =
        [a.source, a.published, a.url, "outcome: " + a.outcome.status + (a.outcome.reason ? ":" + a.outcome.reason : "")]
          .filter(Boolean).join(" · ");
      renderText(a);
      var list = document.getElementById("quotes");
      clear(list);
      a.quotes.forEach(function (q, i) {
        var item = el("li", { "data-quote": String(i) },
          el("strong", { text: q.speaker || (q.source ? a.text.slice(q.source.start, q.source.end) : "(unattributed)") }),
          " ", el("span", { cls: "badge", text: q.stance + (q.hedged ? ", hedged" : "") }), " ",
          el("span", { text: a.text.slice(q.content.start, q.content.end) }));
        item.addEventListener("click", function () { activateQuote(i); });
        list.appendChild(item);
      });
      var evs = document.getElementById("article-events");
      clear(evs);
      a.events.forEach(function (e) {
        evs.appendChild(el("li", null,
          el("strong", { text: e.plover_type || e.acled_event_type || "event" }),
          " " + (e.date || "") + " " + e.modality + " ",
          el("span", { text: e.place ? (e.place.name || e.place.text) : "" }), ": ",
          el("span", { text: a.text.slice(e.evidence.start, e.evidence.end) })));
      });
      if (quote !== null && quote !== undefined && !isNaN(quote)) activateQuote(quote);
      document.getElementById("article").scrollIntoView({ block: "start" });
    }).catch(function (err) { status("article: " + err.message, true); });
  }

  // -- wiring -------------------------------------------------------------------------------
  function refresh() {
    var params = filterParams();
    status("loading…");
    var evParams = new URLSearchParams(params);
    evParams.set("limit", "500");
    return Promise.all([
      getJSON(withParams("/events", evParams)),
      getJSON(withParams("/timeline", params)),
      getJSON(withParams("/stories", new URLSearchParams({ limit: "100" }))),
    ]).then(function (res) {
      drawEvents(res[0].items);
      drawEventTable(res[0]);
      drawTimeline(res[1]);
      drawStories(res[2]);
      status(res[0].total + " events, " + res[2].total + " stories");
      document.body.setAttribute("data-ready", "1");
    }).catch(function (err) { status(err.message, true); });
  }

  function route() {
    var h = new URLSearchParams(location.hash.replace(/^#/, ""));
    var jobs = [];
    if (h.get("story")) jobs.push(showStory(h.get("story")));
    if (h.get("article")) jobs.push(showArticle(h.get("article"), h.get("quote") === null ? null : Number(h.get("quote"))));
    return Promise.all(jobs);
  }

  document.addEventListener("DOMContentLoaded", function () {
    drawLegend();
    document.getElementById("filters").addEventListener("submit", function (ev) {
      ev.preventDefault();
      refresh();
    });
    document.getElementById("reset").addEventListener("click", function () {
      setTimeout(refresh, 0);
    });
    window.addEventListener("hashchange", route);
    initMap().catch(function (err) { status("basemap: " + err.message, true); }).then(function () {
      return refresh();
    }).then(route);
  });
})();
