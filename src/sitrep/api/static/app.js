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
  var state = { story: null, offset: 0 };
  var PAGE = 100;      // rows per page of the events table
  var MAP_LIMIT = 500; // markers drawn on the map (most recent first)
  var DAY = 86400000;

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
    if (state.story) params.set("story", state.story);
    return params;
  }

  function dayOf(iso) {  // "2023-05-22" -> ms since epoch (UTC)
    var p = String(iso).split("-");
    return Date.UTC(Number(p[0]), Number(p[1]) - 1, Number(p[2]));
  }

  function isoDay(ms) {
    return new Date(ms).toISOString().slice(0, 10);
  }

  // an event date as people read it: "2023-05-22", or "2023-W21 (week of 2023-05-22)"
  function dateLabel(ev) {
    if (!ev.date) return "undated";
    var p = ev.date_precision;
    if (!p || p === "day" || !ev.date_start) return ev.date;
    var span = ev.date_start === ev.date_end ? ev.date_start : ev.date_start + " – " + ev.date_end;
    return ev.date + " (" + p + ": " + span + ")";
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
      var countries = unwrapAntimeridian(topojson.feature(topo, topo.objects.countries));
      countryLayer = L.geoJSON(countries, {
        style: { color: "#9aa0a6", weight: 0.6, fillColor: "#f2efe6", fillOpacity: 1 },
        interactive: false,
      }).addTo(map);
      countryLayer.bringToBack();
      window.sitrep.countries = countryLayer;
    });
  }

  // A ring that crosses the 180th meridian jumps from +179 to -179 between two vertices and
  // Leaflet draws that edge straight across the world. Unwrap longitudes so consecutive
  // vertices never differ by more than 180 degrees (Chukotka then sits at 190, east of 180).
  function unwrapRing(ring) {
    var out = [], prev = null;
    ring.forEach(function (pt) {
      var lon = pt[0];
      if (prev !== null) {
        while (lon - prev > 180) lon -= 360;
        while (lon - prev < -180) lon += 360;
      }
      out.push([lon, pt[1]]);
      prev = lon;
    });
    return out;
  }

  function meanLon(ring) {
    return ring.reduce(function (sum, pt) { return sum + pt[0]; }, 0) / ring.length;
  }

  // ... and keep the parts of one country together (Chukotka's islands beside its mainland,
  // Fiji's islands on one side), each part shifted by whole turns next to the largest part.
  function unwrapAntimeridian(collection) {
    collection.features.forEach(function (f) {
      var g = f.geometry;
      if (!g) return;
      if (g.type === "Polygon") g.coordinates = g.coordinates.map(unwrapRing);
      if (g.type === "MultiPolygon") {
        var polys = g.coordinates.map(function (poly) { return poly.map(unwrapRing); });
        var main = polys.reduce(function (a, b) { return b[0].length > a[0].length ? b : a; });
        var ref = meanLon(main[0]);
        g.coordinates = polys.map(function (poly) {
          var shift = 360 * Math.round((ref - meanLon(poly[0])) / 360);
          return shift ? poly.map(function (ring) {
            return ring.map(function (pt) { return [pt[0] + shift, pt[1]]; });
          }) : poly;
        });
      }
    });
    return collection;
  }

  function eventPopup(ev) {
    var box = el("div", { cls: "popup" });
    box.appendChild(el("strong", { text: [ev.plover_type, ev.acled_sub_event_type || ev.acled_event_type]
      .filter(Boolean).join(" · ") || "event" }));
    box.appendChild(el("div", { cls: "when", text: dateLabel(ev) + " · " + ev.modality }));
    var actors = [ev.actor1, ev.actor2].filter(Boolean).join(" → ");
    box.appendChild(el("div", { cls: "actors", text: actors || "actors not named" }));
    box.appendChild(el("div", { cls: "where", text: [ev.location, ev.admin1, ev.country]
      .filter(Boolean).filter(function (v, i, all) { return all.indexOf(v) === i; }).join(", ") }));
    box.appendChild(el("div", { cls: "evidence", text: "“" + ev.evidence_text + "”" }));
    box.appendChild(el("div", { cls: "source", text: [ev.source, ev.published].filter(Boolean).join(", ") }));
    var link = el("a", { href: "#" + hashWith({ article: ev.article_id }), text: "open article" });
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
      marker.bindTooltip([ev.date, ev.plover_type, ev.location].filter(Boolean).join(" · "));
      marker.addTo(eventLayer);
      points.push([ev.lat, ev.lon]);
    });
    if (points.length) map.fitBounds(L.latLngBounds(points).pad(0.5), { maxZoom: 5, animate: false });
  }

  // -- timeline: a real time axis ----------------------------------------------------------
  // Each bin covers the days of its date: a day is a narrow bar, a week or a month a wide,
  // pale one placed over those days; bar height is the number of events.
  var TICKS = [
    [DAY, "day"], [7 * DAY, "day"], [30.44 * DAY, "month"], [91.3 * DAY, "month"],
    [365.25 * DAY, "year"], [5 * 365.25 * DAY, "year"], [10 * 365.25 * DAY, "year"],
    [50 * 365.25 * DAY, "year"], [100 * 365.25 * DAY, "year"],
  ];

  function tickMarks(t0, t1, room) {
    var step = TICKS[TICKS.length - 1];
    for (var i = 0; i < TICKS.length; i++) {
      if ((t1 - t0) / TICKS[i][0] <= room) { step = TICKS[i]; break; }
    }
    var out = [], d = new Date(t0), unit = step[1];
    var n = Math.max(1, Math.round(step[0] / (unit === "day" ? DAY : unit === "month" ? 30.44 * DAY : 365.25 * DAY)));
    var y = d.getUTCFullYear(), t;  // the first round boundary of the unit at or after t0
    if (unit === "day") t = Date.UTC(y, d.getUTCMonth(), d.getUTCDate());
    else if (unit === "month") {
      var m = d.getUTCMonth() + (t0 > Date.UTC(y, d.getUTCMonth(), 1) ? 1 : 0);
      t = Date.UTC(y, Math.ceil(m / n) * n, 1);
    } else {
      if (t0 > Date.UTC(y, 0, 1)) y += 1;
      t = Date.UTC(Math.ceil(y / n) * n, 0, 1);
    }
    while (t <= t1 && out.length < 60) {
      if (t >= t0) {
        var iso = isoDay(t);
        out.push([t, unit === "day" ? iso : unit === "month" ? iso.slice(0, 7) : iso.slice(0, 4)]);
      }
      var nd = new Date(t);
      if (unit === "day") t += n * DAY;
      else if (unit === "month") t = Date.UTC(nd.getUTCFullYear(), nd.getUTCMonth() + n, 1);
      else t = Date.UTC(nd.getUTCFullYear() + n, 0, 1);
    }
    return out;
  }

  function svgEl(tag, attrs, text) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function drawTimeline(svg, bins, onPick) {
    clear(svg);
    var width = svg.clientWidth || 600, height = 110, left = 8, right = 8, top = 8, bottom = 30;
    if (!bins.length) {
      svg.appendChild(svgEl("text", { x: 4, y: 40 }, "no dated events"));
      svg.removeAttribute("data-t0");
      return;
    }
    var t0 = Math.min.apply(null, bins.map(function (b) { return dayOf(b.start); }));
    var t1 = Math.max.apply(null, bins.map(function (b) { return dayOf(b.end) + DAY; }));
    if (t1 - t0 < 14 * DAY) { var mid = (t0 + t1) / 2; t0 = mid - 7 * DAY; t1 = mid + 7 * DAY; }
    svg.setAttribute("data-t0", isoDay(t0));
    svg.setAttribute("data-t1", isoDay(t1));
    var plot = width - left - right, base = height - bottom;
    function x(t) { return left + ((t - t0) / (t1 - t0)) * plot; }
    var max = Math.max.apply(null, bins.map(function (b) { return b.count; }));
    // wide (coarse) bins first, so narrow day bars stay on top and clickable
    bins.slice().sort(function (a, b) {
      return (dayOf(b.end) - dayOf(b.start)) - (dayOf(a.end) - dayOf(a.start));
    }).forEach(function (b) {
      var s = dayOf(b.start), e = dayOf(b.end) + DAY;
      var h = Math.max(2, ((base - top) * b.count) / max);
      var w = Math.max(2, x(e) - x(s));
      var r = svgEl("rect", {
        class: "bar" + (b.precision && b.precision !== "day" ? " coarse" : ""),
        x: x(s), y: base - h, width: w, height: h,
        "data-date": b.date, "data-start": b.start, "data-end": b.end, "data-count": b.count,
      });
      r.appendChild(svgEl("title", {}, b.date + (b.precision && b.precision !== "day"
        ? " (" + b.precision + ", " + b.start + " – " + b.end + ")" : "") + ": " + b.count +
        (b.count === 1 ? " event" : " events")));
      r.addEventListener("click", function () { if (onPick) onPick(b); });
      svg.appendChild(r);
    });
    svg.appendChild(svgEl("line", { class: "axis", x1: left, x2: width - right, y1: base, y2: base }));
    tickMarks(t0, t1, Math.max(2, Math.floor(plot / 80))).forEach(function (tk) {
      var tx = x(tk[0]);
      svg.appendChild(svgEl("line", { class: "tick", x1: tx, x2: tx, y1: base, y2: base + 4 }));
      var anchor = tx < left + 32 ? "start" : tx > width - right - 32 ? "end" : "middle";
      svg.appendChild(svgEl("text", { class: "tick-label", x: tx, y: base + 15, "text-anchor": anchor }, tk[1]));
    });
  }

  function pickRange(b) {
    var form = document.getElementById("filters");
    form.elements.since.value = b.start;
    form.elements.until.value = b.end;
    state.offset = 0;
    refresh();
  }

  // -- events table (paged: every matching event is reachable) -----------------------------
  function drawEventTable(page) {
    var body = document.querySelector("#events tbody");
    clear(body);
    var first = page.total ? page.offset + 1 : 0, last = page.offset + page.items.length;
    document.getElementById("events-count").textContent = "(" + page.total + ")";
    document.getElementById("page-info").textContent = first + "–" + last + " of " + page.total;
    document.getElementById("prev-page").disabled = page.offset <= 0;
    document.getElementById("next-page").disabled = last >= page.total;
    page.items.forEach(function (ev) {
      var actors = [ev.actor1, ev.actor2].filter(Boolean).join(" → ");
      var row = el("tr", { cls: "event-row" },
        el("td", { text: dateLabel(ev) }),
        el("td", { text: ev.plover_type || ev.acled_event_type || "" }),
        el("td", { text: ev.modality }),
        el("td", { text: actors }),
        el("td", { text: ev.location || "" }),
        el("td", { text: ev.evidence_text }));
      row.addEventListener("click", function () { location.hash = hashWith({ article: ev.article_id }); });
      body.appendChild(row);
    });
  }

  function loadEventPage() {
    var params = filterParams();
    params.set("limit", String(PAGE));
    params.set("offset", String(state.offset));
    return getJSON(withParams("/events", params)).then(drawEventTable);
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
      if (s.id === state.story) item.classList.add("active");
      item.addEventListener("click", function () { location.hash = hashWith({ story: s.id, article: null }); });
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
        li.classList.toggle("active", li.getAttribute("data-story") === story.id);
      });
      document.getElementById("story-chip-title").textContent = story.title;
      var storyParams = new URLSearchParams({ story: story.id });
      getJSON(withParams("/timeline", storyParams)).then(function (bins) {
        drawTimeline(document.getElementById("story-timeline"), bins, pickRange);
      });
      storyParams.set("limit", "500");
      getJSON(withParams("/events", storyParams)).then(function (page) {
        var list = document.getElementById("story-events");
        clear(list);
        page.items.slice().sort(function (a, b) {
          return (a.date_start || "9999").localeCompare(b.date_start || "9999");
        }).forEach(function (ev) {
          var item = el("li", null,
            el("strong", { text: dateLabel(ev) }), " ",
            el("span", { text: [ev.plover_type, ev.actor1, ev.location ? "@ " + ev.location : ""]
              .filter(Boolean).join(" · ") }), " — ",
            el("span", { text: ev.source || ev.article_id }));
          item.addEventListener("click", function () { location.hash = hashWith({ article: ev.article_id }); });
          list.appendChild(item);
        });
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
            location.hash = hashWith({ article: c.article_id, quote: String(c.quote_index) });
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
          " " + dateLabel({ date: e.date, date_precision: e.date_precision, date_start: e.date_start,
            date_end: e.date_end }) + " " + e.modality + " ",
          el("span", { text: e.place ? (e.place.name || e.place.text) : "" }), ": ",
          el("span", { text: a.text.slice(e.evidence.start, e.evidence.end) })));
      });
      if (quote !== null && quote !== undefined && !isNaN(quote)) activateQuote(quote);
      document.getElementById("article").scrollTop = 0;
    }).catch(function (err) { status("article: " + err.message, true); });
  }

  // -- wiring -------------------------------------------------------------------------------
  // The hash holds the view: #story=ID filters everything to one story; #article=ID opens the
  // article drawer (with &quote=N marking a quote).
  function hashParams() {
    return new URLSearchParams(location.hash.replace(/^#/, ""));
  }

  function hashWith(changes) {
    var h = hashParams();
    Object.keys(changes).forEach(function (k) {
      if (changes[k] === null || changes[k] === undefined) h.delete(k);
      else h.set(k, changes[k]);
    });
    if (!("quote" in changes)) h.delete("quote");
    return h.toString();
  }

  function refresh() {
    var params = filterParams();
    status("loading…");
    var mapParams = new URLSearchParams(params);
    mapParams.set("limit", String(MAP_LIMIT));
    return Promise.all([
      getJSON(withParams("/events", mapParams)),
      getJSON(withParams("/timeline", params)),
      getJSON(withParams("/stories", new URLSearchParams({ limit: "100" }))),
      loadEventPage(),
    ]).then(function (res) {
      drawEvents(res[0].items);
      document.getElementById("map-note").textContent = res[0].total > res[0].items.length
        ? "map: the " + res[0].items.length + " most recent of " + res[0].total + " events" : "";
      drawTimeline(document.getElementById("timeline"), res[1], pickRange);
      drawStories(res[2]);
      status(res[0].total + " events" + (state.story ? " in this story" : "") + ", " +
        res[2].total + " stories");
      document.body.setAttribute("data-ready", "1");
    }).catch(function (err) { status(err.message, true); });
  }

  function closeArticle() {
    document.getElementById("article").hidden = true;
    current.article = null;
  }

  function route() {
    var h = hashParams();
    var jobs = [];
    var story = h.get("story") || null;
    if (!story && state.story) {
      state.story = null;
      current.story = null;
      state.offset = 0;
      document.getElementById("story-chip").hidden = true;
      document.getElementById("story").hidden = true;
      jobs.push(refresh());
    } else if (story && (!current.story || current.story.id.indexOf(story) !== 0)) {
      // a story id (or a unique start of it): show it, then filter everything to it
      jobs.push(showStory(story).then(function () {
        if (!current.story || current.story.id === state.story) return null;
        state.story = current.story.id;
        state.offset = 0;
        document.getElementById("story-chip").hidden = false;
        return refresh();
      }));
    }
    if (h.get("article")) {
      jobs.push(showArticle(h.get("article"), h.get("quote") === null ? null : Number(h.get("quote"))));
    } else {
      closeArticle();
    }
    return Promise.all(jobs).then(function () { document.body.setAttribute("data-routed", location.hash); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    drawLegend();
    document.getElementById("filters").addEventListener("submit", function (ev) {
      ev.preventDefault();
      state.offset = 0;
      refresh();
    });
    document.getElementById("reset").addEventListener("click", function () {
      state.offset = 0;
      setTimeout(refresh, 0);
    });
    document.getElementById("prev-page").addEventListener("click", function () {
      state.offset = Math.max(0, state.offset - PAGE);
      loadEventPage();
    });
    document.getElementById("next-page").addEventListener("click", function () {
      state.offset += PAGE;
      loadEventPage();
    });
    document.getElementById("story-clear").addEventListener("click", function () {
      current.story = null;
      location.hash = hashWith({ story: null });
    });
    document.getElementById("article-close").addEventListener("click", function () {
      location.hash = hashWith({ article: null });
    });
    document.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape" && !document.getElementById("article").hidden) {
        location.hash = hashWith({ article: null });
      }
    });
    window.addEventListener("hashchange", route);
    window.addEventListener("resize", function () { if (document.body.dataset.ready) refresh(); });
    initMap().catch(function (err) { status("basemap: " + err.message, true); }).then(function () {
      return refresh();
    }).then(route);
  });
})();
