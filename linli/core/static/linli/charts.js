// Draws the dashboard charts from the JSON the page carries (#chart-data); no inline script.
document.addEventListener("DOMContentLoaded", function () {
  var source = document.getElementById("chart-data");
  if (!source || !window.echarts) { return; }
  var data = JSON.parse(source.textContent);
  var palette = ["#b8312f", "#e08a3c", "#3c7bb8", "#4a9a5b", "#7a5ba8"];
  var charts = [];
  var grouped = function (n) { return Number(n).toLocaleString("en-US"); };  // 2,957,040
  document.querySelectorAll("[data-chart]").forEach(function (el) {
    var chart = echarts.init(el);
    charts.push(chart);
    if (el.dataset.chart === "category") {
      // On a phone the labels beside the ring would be cut off: a legend instead (the list
      // under the chart gives each category's count).
      var narrow = el.clientWidth < 360;
      chart.setOption({color: palette, tooltip: {trigger: "item"},
        legend: {show: narrow, bottom: 0},
        series: [{type: "pie", radius: narrow ? ["25%", "50%"] : ["30%", "58%"],
                  data: data.category,
                  label: {show: !narrow, overflow: "none", formatter: function (p) {
                    return p.name + "\n" + grouped(p.value);
                  }}}]});
    }
    if (el.dataset.chart === "trend") {
      chart.setOption({color: palette, tooltip: {trigger: "axis"}, legend: {top: 0},
        grid: {left: 40, right: 10, bottom: 40, top: 30},
        xAxis: {type: "category", data: data.months}, yAxis: {type: "value"},
        series: [{type: "bar", name: el.dataset.openedLabel, data: data.opened},
                 {type: "bar", name: el.dataset.closedLabel, data: data.closed},
                 {type: "line", name: el.dataset.netLabel, data: data.net}]});
    }
    if (el.dataset.chart === "attainment") {
      var line = function (value, name) {
        return {type: "line", name: name, data: data.children.map(function () { return value; }),
                symbol: "none", lineStyle: {type: "dashed"}};
      };
      chart.setOption({color: palette, tooltip: {trigger: "axis"}, legend: {top: 0},
        grid: {left: 40, right: 10, bottom: 70, top: 30},
        xAxis: {type: "category", data: data.children, axisLabel: {rotate: 40, interval: 0}},
        yAxis: {type: "value"},
        series: [{type: "bar", name: el.dataset.urbanLabel, data: data.urban_average},
                 {type: "bar", name: el.dataset.ruralLabel, data: data.rural_average},
                 line(data.urban_target, el.dataset.urbanTargetLabel),
                 line(data.rural_target, el.dataset.ruralTargetLabel)]});
    }
  });
  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
});
