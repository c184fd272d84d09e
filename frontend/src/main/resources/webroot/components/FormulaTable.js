// The discovered formula of every data set, typeset, like the paper's Table 5.
import MathFormula from './MathFormula.js';
import StabilityReport from './StabilityReport.js';
import { format } from '../report.js';

export default {
  components: { MathFormula, StabilityReport },
  props: { datasets: { type: Array, required: true } },
  setup() {
    return { format };
  },
  template: `
    <table class="grid formulas" data-test="formulas">
      <thead><tr><th>data set</th><th>formula g (Σ over the inputs x<sub>j</sub>)</th><th>stability (bootstrap)</th><th>train MSE</th><th>method</th><th>rows × inputs</th><th>seconds</th></tr></thead>
      <tbody>
        <tr v-for="d in datasets" :key="d.dataset" data-test="formula-row" :data-dataset="d.dataset">
          <td>{{ d.dataset }}</td>
          <td v-if="d.discovery"><MathFormula :latex="d.discovery.latex" :text="d.discovery.formula" /></td>
          <td v-else class="hint">not discovered yet</td>
          <td><StabilityReport v-if="d.discovery && d.discovery.stability" :stability="d.discovery.stability" /></td>
          <td class="num">{{ d.discovery ? format(d.discovery.trainMse) : '' }}</td>
          <td>{{ d.discovery ? d.discovery.method : '' }}</td>
          <td class="num">{{ d.discovery ? d.discovery.rows + ' × ' + d.discovery.inputs : '' }}</td>
          <td class="num">{{ d.discovery && d.discovery.seconds != null ? d.discovery.seconds.toFixed(2) : '' }}</td>
        </tr>
      </tbody>
    </table>
  `,
};
