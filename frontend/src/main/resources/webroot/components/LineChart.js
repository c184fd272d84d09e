// An ECharts line chart; the caller bumps `version` when its lines changed (so thousands of
// points are never made reactive).
import { useChart } from '../composables/useChart.js';

export default {
  props: {
    lines: { type: Function, required: true },
    version: { type: [Number, String], default: 0 },
    xName: String,
    yName: String,
    logY: Boolean,
    test: String,
  },
  setup(props) {
    const option = () => {
      const lines = props.lines();
      // A log axis needs a range: one value (a single subset-search point) is drawn on a linear one.
      const values = new Set(lines.flatMap((line) => line.points.map((point) => point[1])));
      const log = props.logY && values.size > 1 && [...values].every((y) => y > 0);
      return {
        animation: false,
        grid: { left: 64, right: 16, top: lines.length <= 8 ? 36 : 16, bottom: 40 },
        tooltip: { trigger: 'axis', confine: true },
        legend: { show: lines.length <= 8, type: 'scroll', top: 0 },
        xAxis: { type: 'value', name: props.xName, nameLocation: 'middle', nameGap: 26, minInterval: 1, min: 0 },
        yAxis: { type: log ? 'log' : 'value', name: props.yName, scale: true },
        series: lines.map((line) => ({ name: line.name, type: 'line', showSymbol: line.points.length < 3, symbolSize: 8, data: line.points })),
      };
    };
    const element = useChart(option, () => props.version, { replaceMerge: ['series'] });
    return { element };
  },
  template: `<div ref="element" class="chart" :data-test="test" :data-version="version"></div>`,
};
