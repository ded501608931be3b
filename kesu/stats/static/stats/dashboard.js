/* The statistics dashboard: draws the charts from the page's JSON (no inline script; the
   Content-Security-Policy allows scripts from this site only). Every bar, point and slice
   opens the cases behind it. */
(function () {
  "use strict";
  function start() {
    var node = document.getElementById("dashboard-data");
    if (!node || !window.echarts) { return; }
    var data = JSON.parse(node.textContent);
    var charts = [];
    function chart(id, option, onClick) {
      var element = document.getElementById(id);
      if (!element) { return; }
      var instance = window.echarts.init(element, null, { renderer: "canvas" });
      instance.setOption(option);
      if (onClick) { instance.on("click", onClick); }
      charts.push(instance);
    }
    var go = function (url) { if (url) { window.location.href = url; } };
    var series = data.series.map(function (s) {
      return {
        name: s.name, type: "line", data: s.counts, smooth: true,
        lineStyle: { width: s.spike ? 4 : 2 },
        markPoint: s.spike ? { data: [{ coord: [data.weeks.length - 1, s.counts[s.counts.length - 1]], value: "!" }],
                               itemStyle: { color: "#b91c1c" } } : undefined
      };
    });
    series.push({ name: data.labels.received, type: "bar", data: data.week_totals, itemStyle: { color: "#cbd5e1" }, z: 0 });
    chart("chart-trend", {
      title: { text: data.labels.trend, textStyle: { fontSize: 14 } },
      tooltip: { trigger: "axis" },
      legend: { type: "scroll", bottom: 0 },
      grid: { left: 36, right: 12, top: 40, bottom: 60 },
      xAxis: { type: "category", data: data.weeks.map(function (w) { return w.slice(5); }) },
      yAxis: { type: "value", minInterval: 1 },
      series: series
    }, function (params) { go(data.week_urls[params.dataIndex]); });
    chart("chart-categories", {
      title: { text: data.labels.categories, textStyle: { fontSize: 14 } },
      tooltip: { trigger: "item" },
      series: [{ type: "pie", radius: ["35%", "65%"], top: 30,
                 data: data.categories.map(function (c) { return { name: c.name, value: c.value, url: c.url }; }) }]
    }, function (params) { go(params.data && params.data.url); });
    chart("chart-overdue", {
      title: { text: data.labels.overdue, textStyle: { fontSize: 14 } },
      tooltip: { trigger: "axis" },
      legend: { bottom: 0 },
      grid: { left: 36, right: 12, top: 40, bottom: 60, containLabel: true },
      xAxis: { type: "category", data: data.departments.map(function (d) { return d.name; }), axisLabel: { interval: 0, rotate: 30 } },
      yAxis: { type: "value", minInterval: 1 },
      series: [
        { name: data.labels.overdue_series, type: "bar", data: data.departments.map(function (d) { return d.overdue; }), itemStyle: { color: "#b91c1c" } },
        { name: data.labels.open, type: "bar", data: data.departments.map(function (d) { return d.open; }), itemStyle: { color: "#1d4ed8" } }
      ]
    }, function (params) {
      var d = data.departments[params.dataIndex];
      go(params.seriesIndex === 0 ? d.url : d.open_url);
    });
    window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
    document.body.setAttribute("data-charts-ready", String(charts.length));
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
}());
