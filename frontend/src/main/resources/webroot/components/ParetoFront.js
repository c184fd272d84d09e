// The Pareto fronts symbolic regression chose each data set's formula from: training error
// against the number of fitted constants, with the chosen point marked. For the exact subset
// search this is what it did (it has no generations); for GP it stands beside the curve.
import { computed } from 'vue';
import LineChart from './LineChart.js';

export default {
  components: { LineChart },
  props: { datasets: { type: Array, required: true } },
  setup(props) {
    const fronts = computed(() => props.datasets.filter((d) => d.discovery && d.discovery.front.length));
    const lines = () => fronts.value.flatMap((d) => {
      const chosen = d.discovery.front.filter((p) => p.chosen);
      return [
        { name: d.dataset, points: d.discovery.front.map((p) => [p.parameters, p.trainMse]) },
        { name: d.dataset + ' (chosen)', points: chosen.map((p) => [p.parameters, p.trainMse]) },
      ];
    });
    const points = computed(() => fronts.value.reduce((n, d) => n + d.discovery.front.length, 0));
    const chosen = computed(() => fronts.value.reduce((n, d) => n + d.discovery.front.filter((p) => p.chosen).length, 0));
    return { fronts, lines, points, chosen };
  },
  template: `
    <div v-if="fronts.length" class="pareto-front" data-test="pareto-front" :data-points="points" :data-chosen="chosen">
      <LineChart :lines="lines" :version="points + ':' + fronts.length" x-name="constants" y-name="training MSE" log-y test="pareto-chart" />
    </div>
  `,
};
