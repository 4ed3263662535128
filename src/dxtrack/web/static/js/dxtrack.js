// dxtrack charts: read the JSON spec next to each [data-chart] element and draw it with the vendored ECharts.
// Texts and units come translated from the server; numbers are formatted for the page language here.
(function () {
  "use strict";

  var COLORS = { vn: "#9b1c1c", series: "#1d4f91", target: "#b3261e", trajectory: "#6b7280", forecast: "#d97706", peer: "#9aa3b2" };
  var geoCache = {};

  function fmt(lang, digits) {
    return new Intl.NumberFormat(lang === "vi" ? "vi-VN" : "en-GB", { maximumFractionDigits: digits === undefined ? 2 : digits });
  }
  function number(lang, v, digits) {
    if (v === null || v === undefined || isNaN(v)) return "–";
    var d = digits;
    if (d === undefined) d = Math.abs(v) >= 1000 ? 0 : Math.abs(v) >= 100 ? 1 : Math.abs(v) >= 1 ? 2 : 3;
    return fmt(lang, d).format(v);
  }
  function narrow() { return window.innerWidth < 600; }
  var FONT = { fontFamily: "Be Vietnam Pro, Noto Sans, DejaVu Sans, sans-serif" };

  function yearAxis(spec, years) {
    var lo = Math.min.apply(null, years), hi = Math.max.apply(null, years);
    return {
      type: "value", min: lo, max: hi, minInterval: 1, name: spec.labels.year, nameLocation: "middle", nameGap: 28,
      axisLabel: { hideOverlap: true, formatter: function (v) { return Number.isInteger(v) ? String(v) : ""; } },
      splitLine: { show: false },
    };
  }
  function valueAxis(spec) {
    return {
      // an inverted (rank) axis has its "start" at the top, where the name belongs
      type: "value", name: spec.unit, nameLocation: spec.inverse ? "start" : "end", nameGap: 12,
      nameTextStyle: { align: "left", color: "#4a5263" },
      // bars start at zero (spec.zero, decided by the server); lines may zoom in on their range
      inverse: !!spec.inverse, scale: !spec.zero,
      axisLabel: { formatter: function (v) { return number(spec.lang, v); } },
    };
  }
  function tooltip(spec) {
    return {
      trigger: "axis",
      valueFormatter: function (v) { return number(spec.lang, v); },
      formatter: function (params) {
        if (!params.length) return "";
        var year = Array.isArray(params[0].value) ? params[0].value[0] : params[0].axisValue;
        var out = ["<strong>" + year + "</strong>"];
        params.forEach(function (p) {
          if (p.seriesName.indexOf("\u200b") === 0) return; // band helpers
          var v = Array.isArray(p.value) ? p.value[1] : p.value;
          out.push(p.marker + p.seriesName + ": " + number(spec.lang, v) + (spec.unit ? " " + spec.unit : ""));
        });
        return out.join("<br>");
      },
    };
  }

  function targetOption(spec) {
    var years = spec.series.map(function (p) { return p[0]; });
    var series = [];
    series.push({
      name: spec.labels.series, type: spec.bars ? "bar" : "line", data: spec.series, symbolSize: 7,
      itemStyle: { color: COLORS.series }, lineStyle: { width: 2.5 }, barMaxWidth: 28, z: 5,
    });
    if (spec.trajectory && spec.trajectory.length) {
      spec.trajectory.forEach(function (p) { years.push(p[0]); });
      series.push({ name: spec.labels.trajectory, type: "line", data: spec.trajectory, symbol: "none",
        lineStyle: { type: "dashed", width: 1.5, color: COLORS.trajectory }, itemStyle: { color: COLORS.trajectory } });
    }
    if (spec.forecast && spec.forecast.length) {
      var f = spec.forecast;
      f.forEach(function (p) { years.push(p.year); });
      var has95 = f.every(function (p) { return p.lo95 !== null && p.lo95 !== undefined; });
      var has80 = f.every(function (p) { return p.lo80 !== null && p.lo80 !== undefined; });
      if (has95) {
        series.push({ name: "\u200blo95", type: "line", stack: "b95", data: f.map(function (p) { return [p.year, p.lo95]; }), symbol: "none", lineStyle: { opacity: 0 }, silent: true });
        series.push({ name: spec.labels.band95, type: "line", stack: "b95", data: f.map(function (p) { return [p.year, p.hi95 - p.lo95]; }), symbol: "none", lineStyle: { opacity: 0 }, areaStyle: { color: "rgba(217,119,6,0.14)" }, itemStyle: { color: "rgba(217,119,6,0.3)" }, tooltip: { show: false } });
      }
      if (has80) {
        series.push({ name: "\u200blo80", type: "line", stack: "b80", data: f.map(function (p) { return [p.year, p.lo80]; }), symbol: "none", lineStyle: { opacity: 0 }, silent: true });
        series.push({ name: spec.labels.band80, type: "line", stack: "b80", data: f.map(function (p) { return [p.year, p.hi80 - p.lo80]; }), symbol: "none", lineStyle: { opacity: 0 }, areaStyle: { color: "rgba(217,119,6,0.26)" }, itemStyle: { color: "rgba(217,119,6,0.5)" }, tooltip: { show: false } });
      }
      series.push({ name: spec.labels.forecast, type: "line", data: f.map(function (p) { return [p.year, p.value]; }), symbol: "circle", symbolSize: 4,
        lineStyle: { type: "dotted", width: 2, color: COLORS.forecast }, itemStyle: { color: COLORS.forecast } });
    }
    if (spec.target) {
      var end = spec.target.deadline || Math.max.apply(null, years);
      years.push(end);
      var start = Math.min.apply(null, years);
      series.push({ name: spec.labels.target_line, type: "line", data: [[start, spec.target.value], [end, spec.target.value]], symbol: "none",
        lineStyle: { type: [6, 4], width: 2, color: COLORS.target }, itemStyle: { color: COLORS.target },
        endLabel: { show: true, position: narrow() ? "insideEndTop" : "right", formatter: function () { return spec.labels.target_line + " " + number(spec.lang, spec.target.value); }, color: COLORS.target } });
    }
    var x = yearAxis(spec, years);
    if (spec.bars) { x.min = x.min - 0.6; x.max = x.max + 0.6; }
    return {
      textStyle: FONT, animation: false,
      // one scrolling legend line above the plot: it never wraps down onto the axis name or the plot
      grid: { left: 64, right: narrow() ? 24 : 110, top: 64, bottom: 48 },
      legend: { top: 0, type: "scroll", data: series.map(function (s) { return s.name; }).filter(function (n) { return n.indexOf("\u200b") !== 0; }) },
      tooltip: tooltip(spec), xAxis: x, yAxis: valueAxis(spec), series: series,
    };
  }

  function peersOption(spec) {
    var years = [];
    var series = spec.lines.map(function (l) {
      l.points.forEach(function (p) { years.push(p[0]); });
      var vn = l.code === spec.highlight;
      return {
        name: l.name, type: "line", data: l.points, symbol: vn ? "circle" : "none", symbolSize: 6, z: vn ? 10 : 2,
        lineStyle: { width: vn ? 3.5 : 1.3, color: vn ? COLORS.vn : undefined, opacity: vn ? 1 : 0.75 },
        itemStyle: vn ? { color: COLORS.vn } : undefined,
        endLabel: { show: vn && !narrow(), formatter: "{a}", color: COLORS.vn, fontWeight: 700, fontSize: 12 },
        emphasis: { focus: "series", endLabel: { show: true } },
      };
    });
    if (!years.length) years = [0];
    return {
      textStyle: FONT, animation: false,
      color: ["#5b7fb5", "#7aa37a", "#b08a4f", "#8a6fb0", "#4f9aa6", "#b56b8a", "#7d8694", "#a89a3c", "#5f8f6e", "#9c6b4f", "#6c6fb8"],
      grid: { left: 64, right: narrow() ? 24 : 90, top: 64, bottom: 48 },
      legend: { top: 0, type: "scroll", itemWidth: 18, itemHeight: 8, textStyle: { fontSize: 11 } },
      tooltip: {
        trigger: "axis",
        formatter: function (params) {
          var rows = params.slice().sort(function (a, b) { return (spec.inverse ? 1 : -1) * (a.value[1] - b.value[1]); });
          return "<strong>" + params[0].value[0] + "</strong><br>" + rows.map(function (p) {
            return p.marker + p.seriesName + ": " + number(spec.lang, p.value[1]);
          }).join("<br>");
        },
      },
      xAxis: yearAxis(spec, years), yAxis: valueAxis(spec), series: series,
    };
  }

  function mapOption(spec, mapName) {
    return {
      textStyle: FONT, animation: false,
      tooltip: {
        trigger: "item",
        formatter: function (p) {
          var d = p.data || {};
          if (!d.label) return p.name;
          var out = "<strong>" + d.label + "</strong><br>" + spec.labels.value + ": " + d.rank_text;
          if (spec.labels.rank && d.rank) out += "<br>" + spec.labels.rank + ": " + d.rank;
          if (d.score) out += "<br>" + spec.labels.score + ": " + d.score;
          return out;
        },
      },
      visualMap: {
        type: "continuous", min: spec.min, max: spec.max, inverse: true, left: 8, bottom: 16, itemHeight: 150,
        calculable: false, text: [spec.labels.low, spec.labels.high], textStyle: { color: "#4a5263" },
        inRange: { color: ["#164e73", "#2f7f87", "#74b49b", "#c9e3b0", "#f7f4d9"] },
        seriesIndex: 0,
      },
      geo: {
        map: mapName, roam: true, aspectScale: 0.95, layoutCenter: ["50%", "50%"], layoutSize: "98%",
        itemStyle: { areaColor: "#e5e7eb", borderColor: "#ffffff", borderWidth: 0.6 },
        emphasis: { label: { show: false }, itemStyle: { areaColor: "#fde68a" } },
        select: { disabled: true },
      },
      series: [
        { type: "map", geoIndex: 0, data: spec.values },
        {
          type: "scatter", coordinateSystem: "geo", symbolSize: 0, silent: true, tooltip: { show: false },
          data: spec.islands.map(function (i) { return { name: i.text, value: i.coord }; }),
          label: { show: true, formatter: "{b}", position: "top", color: "#1d2430", fontSize: narrow() ? 9 : 11, fontStyle: "italic",
            width: narrow() ? 80 : undefined, overflow: narrow() ? "break" : "none" },
        },
      ],
    };
  }

  function draw(el) {
    if (!window.echarts || el.getAttribute("data-drawn")) return;
    var source = document.getElementById(el.getAttribute("data-chart"));
    if (!source) return;
    var spec = JSON.parse(source.textContent);
    el.setAttribute("data-drawn", "1");
    var chart = window.echarts.init(el, null, { renderer: "canvas" });
    if (spec.kind === "target") chart.setOption(targetOption(spec));
    else if (spec.kind === "peers") chart.setOption(peersOption(spec));
    else if (spec.kind === "map") {
      var name = "vn" + spec.set;
      var ready = function (geojson) {
        if (!window.echarts.getMap(name)) window.echarts.registerMap(name, geojson);
        chart.setOption(mapOption(spec, name));
        el.setAttribute("data-ready", "1");
      };
      if (geoCache[name]) ready(geoCache[name]);
      else fetch(spec.geo_url, { credentials: "same-origin" })
        .then(function (r) { if (!r.ok) throw new Error("map " + r.status); return r.json(); })
        .then(function (g) { geoCache[name] = g; ready(g); })
        .catch(function (e) { el.textContent = String(e); });
      return;
    }
    el.setAttribute("data-ready", "1");
  }

  function drawAll() {
    document.querySelectorAll("[data-chart]").forEach(draw);
  }

  // charts follow the width of their box (window resize, print, a panel opening)
  var observer = window.ResizeObserver ? new ResizeObserver(function (entries) {
    entries.forEach(function (e) { var c = window.echarts && window.echarts.getInstanceByDom(e.target); if (c) c.resize(); });
  }) : null;
  function watch() {
    if (!observer) return;
    document.querySelectorAll("[data-chart][data-drawn]").forEach(function (el) {
      if (!el.getAttribute("data-watched")) { el.setAttribute("data-watched", "1"); observer.observe(el); }
    });
  }

  // "Download PNG" under each chart: the drawn canvas on a white background
  document.addEventListener("click", function (e) {
    var button = e.target.closest && e.target.closest("[data-png]");
    if (!button || !window.echarts) return;
    var chart = window.echarts.getInstanceByDom(document.getElementById(button.getAttribute("data-png")));
    if (!chart) return;
    var a = document.createElement("a");
    a.href = chart.getDataURL({ type: "png", pixelRatio: 2, backgroundColor: "#ffffff" });
    a.download = button.getAttribute("data-file") || "chart.png";
    document.body.appendChild(a);
    a.click();
    a.remove();
  });

  // tabs: arrow keys, Home and End move to a tab and show it (roving tabindex; the server marks aria-selected)
  document.addEventListener("keydown", function (e) {
    var tab = e.target.closest && e.target.closest("[role=tab]");
    if (!tab) return;
    var tabs = Array.prototype.slice.call(tab.closest("[role=tablist]").querySelectorAll("[role=tab]"));
    var i = tabs.indexOf(tab), next = null;
    if (e.key === "ArrowRight" || e.key === "ArrowDown") next = tabs[(i + 1) % tabs.length];
    else if (e.key === "ArrowLeft" || e.key === "ArrowUp") next = tabs[(i - 1 + tabs.length) % tabs.length];
    else if (e.key === "Home") next = tabs[0];
    else if (e.key === "End") next = tabs[tabs.length - 1];
    else if (e.key === " ") next = tab;
    if (!next) return;
    e.preventDefault();
    tabs.forEach(function (t) { t.setAttribute("tabindex", t === next ? "0" : "-1"); });
    next.focus();
    next.click();
  });

  // after htmx replaces a component, keyboard focus returns to the control that asked for it
  var refocus = null;
  document.addEventListener("htmx:beforeRequest", function (e) {
    var elt = e.detail && e.detail.elt;
    refocus = elt && elt.getAttribute && elt.getAttribute("hx-get") && elt === document.activeElement ? elt.getAttribute("hx-get") : null;
  });
  document.addEventListener("htmx:beforeSwap", function (e) {
    var target = e.detail && e.detail.target;
    if (target && target.querySelectorAll && window.echarts) {
      target.querySelectorAll("[data-chart]").forEach(function (el) {
        var c = window.echarts.getInstanceByDom(el);
        if (c) { if (observer) observer.unobserve(el); c.dispose(); }
      });
    }
  });
  document.addEventListener("htmx:afterSettle", function () {
    drawAll();
    watch();
    if (refocus) {
      var again = document.querySelector('[hx-get="' + refocus.replace(/"/g, '\\"') + '"]');
      if (again) again.focus();
      refocus = null;
    }
  });
  document.addEventListener("htmx:historyRestore", function () { drawAll(); watch(); });

  // printing: open every folded section so the paper shows it all
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details:not([open])").forEach(function (d) { d.setAttribute("open", ""); d.setAttribute("data-printed", "1"); });
  });
  window.addEventListener("afterprint", function () {
    document.querySelectorAll("details[data-printed]").forEach(function (d) { d.removeAttribute("open"); d.removeAttribute("data-printed"); });
  });

  document.addEventListener("DOMContentLoaded", function () { drawAll(); watch(); });
})();
