// A search's metric against one hyperparameter: a point per trial (at the furthest rung with a
// value), a series per data set and model; a log_uniform range on a log axis.
import { useChart } from '../composables/useChart.js';
import { valueText } from '../search.js';

export default {
  props: { trials: { type: Array, required: true }, axis: { type: Object, required: true }, metric: String },
  setup(props) {
    const option = () => {
      const axis = props.axis;
      const choice = axis.kind === 'choice';
      const groups = new Map();
      for (const t of props.trials.filter((trial) => Number.isFinite(trial.value))) {
        const group = t.dataset + ' · ' + t.model;
        const x = choice ? valueText(t.config[axis.name]) : t.config[axis.name];
        groups.set(group, [...(groups.get(group) || []), [x, t.value, t.trial]]);
      }
      return {
        animation: false,
        grid: { left: 64, right: 16, top: 36, bottom: 40 },
        tooltip: { trigger: 'item', formatter: (p) => p.seriesName + ' · trial ' + p.data[2] + ': ' + p.data[1] },
        legend: { type: 'scroll', top: 0 },
        xAxis: choice ? { type: 'category', data: axis.values, name: axis.name, nameLocation: 'middle', nameGap: 26 }
          : { type: axis.kind === 'log' ? 'log' : 'value', name: axis.name, nameLocation: 'middle', nameGap: 26, min: axis.lo, max: axis.hi },
        yAxis: { type: 'value', name: props.metric, nameLocation: 'middle', nameGap: 48, scale: true },
        series: [...groups.entries()].map(([name, data]) => ({ name, type: 'scatter', symbolSize: 8, data })),
      };
    };
    const element = useChart(option, () => [props.trials, props.axis]);
    return { element };
  },
  template: `<div ref="element" class="chart scatter" data-test="metric-scatter" :data-parameter="axis.name" :data-axis="axis.kind"></div>`,
};
