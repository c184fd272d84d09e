// Symbolic regression in an experiment: the best MSE by generation, the Pareto fronts the
// formulas were chosen from, and the discovered formulas.
import { computed } from 'vue';
import LineChart from './LineChart.js';
import ParetoFront from './ParetoFront.js';
import FormulaTable from './FormulaTable.js';

export default {
  components: { LineChart, ParetoFront, FormulaTable },
  props: { report: { type: Array, required: true }, curves: { type: Object, required: true } },
  setup(props) {
    const lines = () => props.curves.lines((c) => c.series === 'best_mse');
    // The exact subset search has no generations: once every formula came from it, its fronts say what it did.
    const subsetOnly = computed(() => props.report.length > 0
      && props.report.every((d) => d.discovery && d.discovery.method === 'subset'));
    return { lines, subsetOnly };
  },
  template: `
    <h2>Symbolic regression</h2>
    <LineChart v-if="!subsetOnly" :lines="lines" :version="curves.version.value" x-name="generation" y-name="best MSE" log-y test="sr-chart" />
    <ParetoFront :datasets="report" />

    <h2>Discovered formulas</h2>
    <FormulaTable v-if="report.length" :datasets="report" />
    <p v-else class="hint" data-test="no-formulas">No formula yet.</p>
  `,
};
