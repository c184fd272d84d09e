// Two or more experiments side by side: their report tables aligned by data set (a table per
// data set, a row per model) or by model (a table per model, a row per data set), a column per
// experiment and structure, for one metric at a time. Bold marks the value each experiment's
// own table marked best.
import { computed, onMounted, ref, shallowRef } from 'vue';
import { api } from '../api.js';
import { format, readReport } from '../report.js';

/**
 * The experiments' report tables as one grid: a column per experiment and structure, a row per
 * data set and model holding each column's cells.
 */
function gridOf(experiments) {
  const columns = new Map();
  const rows = new Map();
  for (const e of experiments) {
    for (const d of e.report) {
      for (const t of d.tables) {
        const column = e.id + '|' + t.structureName;
        columns.set(column, { key: column, name: e.name, structure: t.structureName });
        for (const r of t.rows) {
          const key = d.dataset + '|' + r.model;
          const row = rows.get(key) || { dataset: d.dataset, model: r.model, cells: {} };
          row.cells[column] = r.cells;
          rows.set(key, row);
        }
      }
    }
  }
  return { columns: [...columns.values()], rows: [...rows.values()] };
}

export default {
  props: { ids: { type: Array, required: true } },
  setup(props) {
    const experiments = shallowRef([]);
    const error = ref('');
    const by = ref('dataset');
    const metric = ref('');
    onMounted(async () => {
      try {
        experiments.value = await Promise.all(props.ids.map(async (id) => {
          const found = await api.experiment(id);
          return { id, name: found.experiment.name, report: readReport(found.report) };
        }));
      } catch (e) {
        error.value = e.message;
      }
    });
    const grid = computed(() => gridOf(experiments.value));
    const metrics = computed(() => [...new Set(experiments.value.flatMap((e) => e.report.flatMap((d) => d.tables.flatMap((t) => t.metrics))))]);
    const shownMetric = computed(() => metric.value || metrics.value[0]);
    // By data set: a table per data set, a row per model; by model: a table per model, a row per data set.
    const sections = computed(() => {
      const [outer, inner] = by.value === 'dataset' ? ['dataset', 'model'] : ['model', 'dataset'];
      const tables = new Map();
      for (const row of grid.value.rows) {
        tables.set(row[outer], [...(tables.get(row[outer]) || []), { ...row, label: row[inner] }]);
      }
      return [...tables.entries()].map(([title, list]) => ({ title, rows: list }));
    });
    const cell = (row, column) => (row.cells[column.key] || {})[shownMetric.value];
    return { experiments, error, by, metric, metrics, shownMetric, grid, sections, cell, format };
  },
  template: `
    <section data-test="compare-view">
      <div class="toolbar">
        <h1>Compare {{ ids.length }} experiments</h1>
        <label>align by <select v-model="by" data-test="compare-by"><option value="dataset">data set</option><option value="model">model</option></select></label>
        <select v-if="metrics.length" v-model="metric" data-test="compare-metric"><option value="">{{ metrics[0] }}</option><option v-for="m in metrics.slice(1)" :key="m">{{ m }}</option></select>
      </div>
      <p v-if="error" class="error" data-test="compare-error">{{ error }}</p>
      <table v-for="s in sections" :key="s.title" class="grid comparison" data-test="compare-table" :data-title="s.title">
        <caption>{{ s.title }} · {{ shownMetric }}, mean (std) over the seeds</caption>
        <thead><tr><th>{{ by === 'dataset' ? 'model' : 'data set' }}</th><th v-for="c in grid.columns" :key="c.key" class="num" data-test="compare-column">{{ c.name }} · {{ c.structure }}</th></tr></thead>
        <tbody>
          <tr v-for="r in s.rows" :key="r.label" data-test="compare-row" :data-label="r.label">
            <td>{{ r.label }}</td>
            <td v-for="c in grid.columns" :key="c.key" class="num" :class="{best: cell(r, c) && cell(r, c).best}" data-test="compare-cell" :data-column="c.key">
              <template v-if="cell(r, c)">{{ format(cell(r, c).mean) }} ({{ format(cell(r, c).std) }})</template><template v-else>–</template>
            </td>
          </tr>
        </tbody>
      </table>
      <p v-if="experiments.length && !sections.length" class="hint">None of these experiments has finished training runs yet.</p>
    </section>
  `,
};
