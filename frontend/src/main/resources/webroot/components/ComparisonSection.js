// The comparison tables of an experiment (one per data set and structure) and, for the metric
// chosen, each model's spread over the seeds.
import { computed, ref } from 'vue';
import ComparisonTable from './ComparisonTable.js';
import SpreadChart from './SpreadChart.js';

/** Per data set and structure, each model's values of the metric by seed. */
function spreadsOf(trainings, metric) {
  const groups = new Map();
  for (const t of trainings) {
    const title = t.dataset + ' · ' + t.structureName;
    if (!groups.has(title)) {
      groups.set(title, new Map());
    }
    const models = groups.get(title);
    if (!models.has(t.model)) {
      models.set(t.model, []);
    }
    const value = t.metrics[metric];
    models.get(t.model).push({ seed: t.seed, value: typeof value === 'number' ? value : Number(value) });
  }
  return [...groups.entries()].map(([title, models]) => ({
    title, groups: [...models.entries()].map(([model, values]) => ({ model, values })),
  }));
}

export default {
  components: { ComparisonTable, SpreadChart },
  props: { report: { type: Array, required: true }, trainings: { type: Array, required: true } },
  setup(props) {
    const metric = ref('');
    const metrics = computed(() => [...new Set(props.report.flatMap((d) => d.tables.flatMap((t) => t.metrics)))]);
    const shownMetric = computed(() => metric.value || metrics.value[0] || 'mse');
    const spreads = computed(() => spreadsOf(props.trainings, shownMetric.value));
    return { metric, metrics, shownMetric, spreads };
  },
  template: `
    <h2>Comparison
      <select v-if="metrics.length" v-model="metric" data-test="metric"><option value="">{{ metrics[0] }}</option><option v-for="m in metrics.slice(1)" :key="m">{{ m }}</option></select>
    </h2>
    <template v-for="d in report" :key="d.dataset">
      <ComparisonTable v-for="t in d.tables" :key="t.structureName" :table="t" :dataset="d.dataset" />
      <p v-if="d.excluded.length" class="hint">Left out of the means (diverged or dead at start): {{ d.excluded.join(', ') }}</p>
      <p v-for="(message, key) in d.failures" :key="key" class="error">{{ key }}: {{ message }}</p>
    </template>
    <p v-if="!report.some(d => d.tables.length)" class="hint" data-test="no-comparison">No finished training runs yet.</p>

    <h2 v-if="spreads.length">Per-seed spread ({{ shownMetric }})</h2>
    <div class="spreads">
      <figure v-for="s in spreads" :key="s.title">
        <figcaption>{{ s.title }}</figcaption>
        <SpreadChart :groups="s.groups" :metric="shownMetric" />
      </figure>
    </div>
  `,
};
