// Parallel coordinates over a search's space: an axis per hyperparameter and one for the
// metric, one line per trial (at the furthest rung with a value), coloured by its metric from
// blue (lowest) to orange (highest); a trial without a value yet is grey.
import { computed } from 'vue';
import { format } from '../report.js';
import { position, trialKey, valueText } from '../search.js';

const WIDTH = 960;
const HEIGHT = 300;
const PAD = { left: 40, right: 70, top: 36, bottom: 24 };

function colour(share) {
  const from = [47, 111, 179];
  const to = [217, 130, 43];
  return 'rgb(' + from.map((c, i) => Math.round(c + (to[i] - c) * share)).join(',') + ')';
}

export default {
  props: { trials: { type: Array, required: true }, axes: { type: Array, required: true }, metric: String },
  setup(props) {
    const values = computed(() => props.trials.map((t) => t.value).filter(Number.isFinite));
    const range = computed(() => ({ lo: Math.min(...values.value), hi: Math.max(...values.value) }));
    const metricAxis = computed(() => ({ name: props.metric, kind: 'linear', ...range.value }));
    const all = computed(() => [...props.axes, metricAxis.value]);
    const x = (i) => PAD.left + (i * (WIDTH - PAD.left - PAD.right)) / Math.max(1, all.value.length - 1);
    const y = (share) => HEIGHT - PAD.bottom - share * (HEIGHT - PAD.top - PAD.bottom);
    const lines = computed(() => props.trials.map((t) => {
      const finite = Number.isFinite(t.value);
      const points = props.axes.map((axis, i) => [x(i), y(position(axis, t.config[axis.name]))]);
      if (finite) {
        points.push([x(props.axes.length), y(position(metricAxis.value, t.value))]);
      }
      return {
        key: trialKey(t),
        d: 'M' + points.map((p) => p[0].toFixed(1) + ' ' + p[1].toFixed(1)).join(' L'),
        stroke: finite ? colour(position(metricAxis.value, t.value)) : '#bcccdc',
        title: trialKey(t) + ': ' + (finite ? format(t.value) : 'no value yet'),
      };
    }));
    const ends = (axis) => (!Number.isFinite(axis.lo) ? ['', ''] : [format(axis.lo, 3), format(axis.hi, 3)]);
    // The outer axes' names run inwards, so they are not cut at the edges.
    const anchor = (i) => (i === 0 ? 'start' : i === all.value.length - 1 ? 'end' : 'middle');
    return { all, lines, x, y, ends, anchor, WIDTH, HEIGHT, PAD };
  },
  template: `
    <svg class="parallel" :viewBox="'0 0 ' + WIDTH + ' ' + HEIGHT" data-test="parallel-coordinates">
      <path v-for="l in lines" :key="l.key" :d="l.d" :stroke="l.stroke" fill="none" stroke-width="1.5" stroke-opacity="0.8" data-test="trial-line"><title>{{ l.title }}</title></path>
      <g v-for="(axis, i) in all" :key="axis.name" class="axis">
        <line :x1="x(i)" :x2="x(i)" :y1="y(0)" :y2="y(1)" stroke="#52606d" />
        <text :x="x(i)" :y="PAD.top - 16" :text-anchor="anchor(i)" font-weight="600">{{ axis.name }}{{ axis.kind === 'log' ? ' (log)' : '' }}</text>
        <template v-if="axis.kind === 'choice'">
          <text v-for="(v, k) in axis.values" :key="v" :x="x(i) + 4" :y="y(axis.values.length > 1 ? k / (axis.values.length - 1) : 0.5) + 4" font-size="11">{{ v }}</text>
        </template>
        <template v-else>
          <text :x="x(i) + 4" :y="y(0) + 4" font-size="11">{{ ends(axis)[0] }}</text>
          <text :x="x(i) + 4" :y="y(1) + 4" font-size="11">{{ ends(axis)[1] }}</text>
        </template>
      </g>
    </svg>
  `,
};
