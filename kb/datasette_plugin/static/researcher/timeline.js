// Draws the claims timeline of /-/timeline with the vendored Vega-Lite (no network access).
(function () {
  "use strict";

  // draws a chart and marks its holder ready (or says why not); actions: false keeps the menu
  // that links to the online editor out of the page
  function embed(holder, spec) {
    vegaEmbed(holder, spec, { actions: false, renderer: "svg" })
      .then(function () {
        holder.dataset.status = "ready";
      })
      .catch(function (error) {
        holder.dataset.status = "error";
        holder.textContent = "The chart could not be drawn: " + error;
      });
  }

  // one dot per denial-accusation pair: how many days the denial came after the accusation
  function drawDelays(data) {
    var holder = document.getElementById("delay-chart");
    if (!holder || !data.denials.length) return;
    var pairs = data.denials.map(function (d) {
      return Object.assign({ pair: d.denier_name + " answering " + d.accuser_name }, d);
    });
    var spec = {
      width: "container",
      height: { step: 22 },
      data: { values: pairs },
      mark: { type: "circle", size: 90, opacity: 0.8, tooltip: true },
      encoding: {
        // whole days: no tick at half a day
        x: {
          field: "days",
          type: "quantitative",
          title: "Days from the accusation to the denial",
          axis: { tickMinStep: 1, format: "d" },
        },
        y: { field: "pair", type: "nominal", title: null, axis: { labelLimit: 360 } },
        // the project's palette (kb/palette.py), served as CSS custom properties
        color: { value: getComputedStyle(document.documentElement).getPropertyValue("--kb-stance-denies").trim() },
        tooltip: [
          { field: "pair", title: "Who" },
          { field: "accusation_published", title: "Accusation" },
          { field: "denial_published", title: "Denial" },
          { field: "days", title: "Days" },
        ],
      },
    };
    embed(holder, spec);
  }

  function draw() {
    var holder = document.getElementById("timeline-chart");
    var source = document.getElementById("timeline-data");
    if (!holder || !source) return;
    var data = JSON.parse(source.textContent);
    drawDelays(data);
    if (!data.months.length) {
      holder.textContent = "No dated claim to draw.";
      holder.dataset.status = "empty";
      return;
    }
    var spec = {
      width: "container",
      height: 280,
      data: { values: data.months },
      mark: { type: "bar", tooltip: true },
      encoding: {
        x: { field: "month", type: "temporal", timeUnit: "yearmonth", title: "Month of publication" },
        // whole claims: no tick at 0.5
        y: { field: "n", type: "quantitative", aggregate: "sum", title: "Claims", axis: { tickMinStep: 1, format: "d" } },
        color: {
          field: "series",
          type: "nominal",
          title: "Stance",
          scale: { domain: data.series, range: data.colours },
        },
        tooltip: [
          { field: "month", type: "temporal", timeUnit: "yearmonth", title: "Month" },
          { field: "series", type: "nominal", title: "Stance" },
          { field: "n", type: "quantitative", aggregate: "sum", title: "Claims" },
        ],
      },
    };
    embed(holder, spec);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
