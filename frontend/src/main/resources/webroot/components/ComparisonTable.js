// One data set's comparison for one structure, like the paper's Table 6: mean (std) over the
// seeds per model and metric, the better value in bold, parameters, and the paired Wilcoxon
// p-value against the reference model.
import { format } from '../report.js';

export default {
  props: { table: { type: Object, required: true }, dataset: String },
  setup() {
    return { format };
  },
  template: `
    <table class="grid comparison" data-test="comparison" :data-dataset="dataset" :data-structure="table.structureName">
      <caption>{{ dataset }} · structure {{ table.structureName }} · p against {{ table.reference }}</caption>
      <thead>
        <tr><th>model</th><th>parameters</th><th>runs</th><template v-for="m in table.metrics" :key="m"><th>{{ m }}</th><th class="p">p</th></template></tr>
      </thead>
      <tbody>
        <tr v-for="r in table.rows" :key="r.model" data-test="comparison-row" :data-model="r.model">
          <td>{{ r.model }}</td>
          <td class="num">{{ r.parameters != null ? Math.round(r.parameters) : '' }}</td>
          <td class="num" data-test="runs" :title="r.leftOut ? r.leftOut + ' diverged or dead at start, left out of the means' : null">{{ r.runs }}</td>
          <template v-for="m in table.metrics" :key="m">
            <td class="num" :class="{best: r.cells[m].best}" :data-test="r.cells[m].best ? 'best' : null">{{ format(r.cells[m].mean) }} ({{ format(r.cells[m].std) }})</td>
            <td class="num p">{{ r.model === table.reference ? '' : format(r.cells[m].p, 3) }}</td>
          </template>
        </tr>
      </tbody>
    </table>
  `,
};
