// One experiment, live over the event-bus bridge: its state and task counts, then one section
// each for symbolic regression, training curves, a search's trials, the comparison tables and
// the task table.
// Nothing reloads: task and experiment events patch what is shown, progress points extend the
// curves, and the report is fetched again as tasks finish. Cancel stops it; delete (confirmed
// first) removes it and goes back to the list.
import { computed, onBeforeUnmount, onMounted, ref, shallowRef } from 'vue';
import { api } from '../api.js';
import { bus, subscribe } from '../bus.js';
import { go } from '../router.js';
import { TERMINAL, dropExperiment, upsertExperiment } from '../store.js';
import { useCurves } from '../composables/useCurves.js';
import { useReport } from '../composables/useReport.js';
import { useTasks } from '../composables/useTasks.js';
import ProgressBar from './ProgressBar.js';
import StateCounts from './StateCounts.js';
import TaskTable from './TaskTable.js';
import DiscoverySection from './DiscoverySection.js';
import TrainingSection from './TrainingSection.js';
import SearchSection from './SearchSection.js';
import ComparisonSection from './ComparisonSection.js';
import DeleteExperiment from './DeleteExperiment.js';

const POLL_MS = 3000;

export default {
  components: { ProgressBar, StateCounts, TaskTable, DiscoverySection, TrainingSection, SearchSection, ComparisonSection, DeleteExperiment },
  props: { id: { type: String, required: true } },
  setup(props) {
    const summary = shallowRef(null);
    const spec = shallowRef(null);
    const error = ref('');
    const cancelling = ref(false);
    const curves = useCurves();
    const tasks = useTasks(props.id);
    const report = useReport(props.id, { spec, summary, error });
    const active = computed(() => summary.value && !TERMINAL.includes(summary.value.state));
    let stops = [];

    const setSummary = (next) => {
      const was = summary.value && summary.value.state;
      summary.value = Object.freeze(next);
      upsertExperiment(next);
      if (was && was !== next.state && TERMINAL.includes(next.state)) {
        report.refresh.now();
        tasks.load();
      }
    };
    const onEvent = (event) => {
      if (event.experimentId !== props.id) {
        return;
      }
      if (event.type === 'task') {
        tasks.patch(event);
        if (event.state === 'DONE') {
          report.refresh();
        }
      } else if (event.type === 'experiment' && summary.value) {
        setSummary({ ...summary.value, state: event.state, counts: event.counts });
      } else if (event.type === 'deleted') {
        go('#/experiments');
      }
    };
    // Without the bridge (reconnecting), a running experiment's state is polled instead.
    const poll = async () => {
      if (bus.state !== 'open' && active.value) {
        try {
          setSummary((await api.experiment(props.id)).experiment);
        } catch (e) {
          error.value = e.message;
        }
      }
    };
    const open = async () => {
      try {
        const found = await api.experiment(props.id);
        summary.value = Object.freeze(found.experiment);
        spec.value = found.spec || null;
        report.show(found.report);
      } catch (e) {
        if (e.status === 404) {
          dropExperiment(props.id);
        }
        error.value = e.status === 404 ? 'No experiment ' + props.id : e.message;
        return;
      }
      report.refresh.now();
      api.progress(props.id).then((p) => curves.load(p.curves || [])).catch(() => {});
    };

    onMounted(() => {
      stops.push(subscribe('tn.events', onEvent));
      stops.push(subscribe('tn.progress.' + props.id, curves.point));
      const timer = setInterval(poll, POLL_MS);
      stops.push(() => clearInterval(timer), report.stop, tasks.stop, curves.stop);
      tasks.load().catch((e) => {
        error.value = error.value || e.message;
      });
      open();
    });
    onBeforeUnmount(() => {
      stops.forEach((stop) => stop());
      stops = [];
    });

    const cancel = async () => {
      cancelling.value = true;
      try {
        setSummary((await api.cancel(props.id)).experiment);
      } catch (e) {
        error.value = e.message;
      } finally {
        cancelling.value = false;
      }
    };
    const exportUrl = (what) => api.exportUrl(props.id, what);
    const when = (iso) => (iso ? new Date(iso).toLocaleString() : '');
    return {
      summary, spec, error, active, cancel, cancelling, exportUrl, when, curves,
      report: report.report, trainings: report.trainings, tasks,
    };
  },
  template: `
    <section data-test="experiment-view">
      <p v-if="error" class="error" data-test="experiment-error">{{ error }}</p>
      <template v-if="summary">
        <div class="toolbar">
          <h1 data-test="experiment-name">{{ summary.name }}</h1>
          <span class="badge big" :class="'s-' + summary.state" data-test="experiment-state">{{ summary.state }}</span>
          <span class="spacer"></span>
          <a class="button" :href="exportUrl('results.csv')" download data-test="export-csv">CSV</a>
          <a class="button" :href="exportUrl('results')" target="_blank" data-test="export-json">JSON</a>
          <a class="button" :href="exportUrl('report')" target="_blank" data-test="export-report">report</a>
          <button v-if="active" class="danger" :disabled="cancelling" @click="cancel" data-test="cancel">Cancel</button>
          <DeleteExperiment :summary="summary" />
        </div>
        <div class="summary panel">
          <ProgressBar :summary="summary" />
          <span data-test="task-total">{{ summary.total }} tasks</span>
          <StateCounts :counts="summary.counts" />
          <span class="hint">created {{ when(summary.createdAt) }} · id <code>{{ summary.id }}</code></span>
        </div>

        <DiscoverySection :report="report" :curves="curves" />
        <TrainingSection :curves="curves" />
        <SearchSection v-if="spec && spec.search" :id="id" :space="spec.search.space" />
        <ComparisonSection :report="report" :trainings="trainings" />

        <h2>Tasks <span v-if="tasks.renderMs.value !== null" class="hint" data-test="task-load-ms">(loaded and rendered in {{ tasks.renderMs.value }} ms)</span></h2>
        <TaskTable v-if="tasks.loaded.value" :tasks="tasks.tasks.value" :total="tasks.total.value" :version="tasks.version.value" />
        <p v-else class="hint">Loading tasks…</p>

        <details v-if="spec" class="spec" data-test="spec">
          <summary>Spec</summary>
          <pre>{{ JSON.stringify(spec, null, 2) }}</pre>
        </details>
      </template>
      <p v-else-if="!error" class="hint">Loading…</p>
    </section>
  `,
};
