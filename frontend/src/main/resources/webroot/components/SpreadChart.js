// Per-seed spread of one test metric: a box per model with every seed's value beside it.
import { useChart } from '../composables/useChart.js';

function quantile(sorted, q) {
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return sorted[low] + (sorted[high] - sorted[low]) * (at - low);
}

export default {
  props: { groups: { type: Array, required: true }, metric: String },
  setup(props) {
    const option = () => {
      const models = props.groups.map((g) => g.model);
      const boxes = props.groups.map((g) => {
        const values = g.values.map((v) => v.value).filter(Number.isFinite).sort((a, b) => a - b);
        return values.length ? [values[0], quantile(values, 0.25), quantile(values, 0.5), quantile(values, 0.75), values[values.length - 1]] : [];
      });
      const points = props.groups.flatMap((g, i) => g.values.filter((v) => Number.isFinite(v.value)).map((v) => ({ value: [i, v.value], seed: v.seed })));
      return {
        animation: false,
        grid: { left: 64, right: 16, top: 32, bottom: 32 },
        tooltip: { trigger: 'item', formatter: (p) => (p.seriesType === 'scatter' ? 'seed ' + p.data.seed + ': ' + p.data.value[1] : models[p.dataIndex]) },
        xAxis: { type: 'category', data: models },
        yAxis: { type: 'value', name: props.metric, scale: true },
        series: [
          { type: 'boxplot', data: boxes, itemStyle: { color: '#eef4fb', borderColor: '#5b7fa6' } },
          { type: 'scatter', data: points, symbolSize: 7, itemStyle: { color: '#d9822b' } },
        ],
      };
    };
    const element = useChart(option, () => [props.groups, props.metric]);
    return { element };
  },
  template: `<div ref="element" class="chart spread" data-test="spread-chart"></div>`,
};
