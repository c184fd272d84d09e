// The training curves of an experiment, one series (train or validation loss, …) at a time,
// the first runs of a big experiment only.
import { computed, ref } from 'vue';
import LineChart from './LineChart.js';

const MAX_LINES = 60;

export default {
  components: { LineChart },
  props: { curves: { type: Object, required: true } },
  setup(props) {
    const series = ref('train_loss');
    const all = () => props.curves.lines((c) => c.series === series.value);
    const lines = () => all().slice(0, MAX_LINES);
    const runs = computed(() => {
      props.curves.version.value; // eslint-disable-line no-unused-expressions -- new runs arrive with points
      return all().length;
    });
    const names = computed(() => {
      props.curves.version.value; // eslint-disable-line no-unused-expressions -- new series arrive with points
      const found = props.curves.seriesNames();
      return found.length ? found : ['train_loss', 'val_loss'];
    });
    return { series, lines, runs, names, MAX_LINES };
  },
  template: `
    <h2>Training
      <select v-model="series" data-test="training-series"><option v-for="s in names" :key="s">{{ s }}</option></select>
    </h2>
    <LineChart :lines="lines" :version="curves.version.value + ':' + series" x-name="epoch" :y-name="series" test="training-chart" />
    <p v-if="runs > MAX_LINES" class="hint">The first {{ MAX_LINES }} of {{ runs }} runs; the task table lists them all.</p>
  `,
};
