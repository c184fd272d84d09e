// One experiment, live over the event-bus bridge: its state and task counts, the task table,
// symbolic-regression and training curves, the discovered formulas, the comparison tables
// and the per-seed spread. Nothing reloads: task and experiment events patch what is shown,
// progress points extend the curves, and the report is fetched again as tasks finish. Cancel
// stops it; delete (confirmed first) removes it and goes back to the list.
import { computed, onBeforeUnmount, onMounted, ref, shallowRef } from 'vue';
import { api, allTasks } from '../api.js';
import { bus, subscribe } from '../bus.js';
import { go } from '../router.js';
import { TERMINAL, dropExperiment, upsertExperiment } from '../store.js';
import { readReport, readTrainings } from '../report.js';
import ProgressBar from './ProgressBar.js';
import StateCounts from './StateCounts.js';
import TaskTable from './TaskTable.js';
import LineChart from './LineChart.js';
import ParetoFront from './ParetoFront.js';
import SpreadChart from './SpreadChart.js';
import FormulaTable from './FormulaTable.js';
import ComparisonTable from './ComparisonTable.js';
import DeleteExperiment from './DeleteExperiment.js';

const MAX_TRAINING_LINES = 60;

/** Progress curves by task and series, outside reactivity; `version` says when they changed. */
function curveBook() {
  const curves = new Map();
  const version = ref(0);
  let pending = false;
  const changed = () => {
    if (!pending) {
      pending = true;
      setTimeout(() => {
        pending = false;
        version.value++;
      }, 200);
    }
  };
  const curve = (taskId, key, series) => {
    const id = taskId + '|' + series;
    let c = curves.get(id);
    if (!c) {
      c = { taskId, key, series, points: [] };
      curves.set(id, c);
    }
    return c;
  };
  const add = (c, x, y) => {
    const last = c.points[c.points.length - 1];
    if (!last || x > last[0]) {
      c.points.push([x, y]);
    } else if (x === last[0]) {
      last[1] = y;
    } else {
      return;
    }
    changed();
  };
  return {
    version,
    load(list) {
      for (const stored of list) {
        const c = curve(stored.taskId, stored.key, stored.series);
        for (const [x, y] of stored.points) {
          add(c, x, y);
        }
      }
    },
    point(p) {
      add(curve(p.taskId, p.key, p.series), p.x, p.y);
    },
    lines(filter) {
      return [...curves.values()].filter(filter).map((c) => ({ name: c.key, points: c.points }));
    },
    seriesNames() {
      return [...new Set([...curves.values()].map((c) => c.series))].filter((s) => s !== 'best_mse').sort();
    },
  };
}

export default {
  components: { ProgressBar, StateCounts, TaskTable, LineChart, ParetoFront, SpreadChart, FormulaTable, ComparisonTable, DeleteExperiment },
  props: { id: { type: String, required: true } },
  setup(props) {
    const summary = shallowRef(null);
    const spec = shallowRef(null);
    const error = ref('');
    const report = shallowRef([]);
    const trainings = shallowRef([]);
    const tasks = shallowRef([]);
    const taskVersion = ref(0);
    const tasksLoaded = ref(false);
    const taskTotal = ref(0);
    const renderMs = ref(null);
    const curves = curveBook();
    const trainingSeries = ref('train_loss');
    const metric = ref('');
    const cancelling = ref(false);
    let taskIndex = new Map();
    let stops = [];
    let reportTimer = null;
    let pollTimer = null;

    const active = computed(() => summary.value && !TERMINAL.includes(summary.value.state));

    const loadReport = async () => {
      try {
        // Only experiments with data sets train networks whose per-seed results are charted.
        const trains = !spec.value || (spec.value.datasets || []).length > 0;
        const [r, res] = await Promise.all([api.report(props.id), trains ? api.results(props.id) : { results: [] }]);
        report.value = readReport(r.report || r);
        trainings.value = readTrainings(res.results);
      } catch (e) {
        if (e.status !== 404) {
          error.value = e.message;
        }
      }
    };
    // At most one report per interval while tasks finish (longer for big experiments, whose
    // report costs more); `now` replaces a pending one, e.g. when the experiment ended.
    const reportSoon = (now) => {
      if (now || !reportTimer) {
        clearTimeout(reportTimer);
        const delay = now ? 0 : Math.max(1000, summary.value ? summary.value.total : 0);
        reportTimer = setTimeout(() => {
          reportTimer = null;
          loadReport();
        }, delay);
      }
    };

    const showTasks = (list, total) => {
      taskIndex = new Map(list.map((t, i) => [t.id, i]));
      tasks.value = list;
      taskTotal.value = total;
      tasksLoaded.value = true;
    };
    const loadTasks = async () => {
      const start = performance.now();
      const list = await allTasks(props.id, (firstPage, total) => {
        if (!tasksLoaded.value) {
          showTasks(firstPage, total);
        }
      });
      showTasks(list, list.length);
      requestAnimationFrame(() => {
        renderMs.value = Math.round(performance.now() - start);
      });
    };

    const setSummary = (next) => {
      const was = summary.value && summary.value.state;
      summary.value = Object.freeze(next);
      upsertExperiment(next);
      if (was && was !== next.state && TERMINAL.includes(next.state)) {
        reportSoon(true);
        loadTasks();
      }
    };

    // Thousands of task events may arrive in a burst: the table re-filters at most 4 times a second.
    let tableTimer = null;
    const tasksChanged = () => {
      if (!tableTimer) {
        tableTimer = setTimeout(() => {
          tableTimer = null;
          taskVersion.value++;
        }, 250);
      }
    };

    const onTaskEvent = (event) => {
      const at = taskIndex.get(event.taskId);
      if (at !== undefined) {
        const list = tasks.value;
        list[at] = Object.freeze({ ...list[at], state: event.state, worker: event.worker ?? list[at].worker,
          error: event.error ?? list[at].error, updatedAt: new Date().toISOString() });
        tasksChanged();
      }
      if (event.state === 'DONE') {
        reportSoon();
      }
    };

    const onEvent = (event) => {
      if (event.experimentId !== props.id) {
        return;
      }
      if (event.type === 'task') {
        onTaskEvent(event);
      } else if (event.type === 'experiment' && summary.value) {
        setSummary({ ...summary.value, state: event.state, counts: event.counts });
      } else if (event.type === 'deleted') {
        go('#/experiments');
      }
    };

    const poll = async () => {
      if (bus.state !== 'open' && active.value) {
        try {
          const fresh = await api.experiment(props.id);
          setSummary(fresh.experiment);
        } catch (e) {
          error.value = e.message;
        }
      }
    };

    onMounted(async () => {
      stops.push(subscribe('tn.events', onEvent));
      stops.push(subscribe('tn.progress.' + props.id, curves.point));
      pollTimer = setInterval(poll, 3000);
      loadTasks().catch((e) => {
        error.value = error.value || e.message;
      });
      try {
        const found = await api.experiment(props.id);
        summary.value = Object.freeze(found.experiment);
        spec.value = found.spec || null;
        if (found.report) {
          report.value = readReport(found.report);
        }
      } catch (e) {
        if (e.status === 404) {
          dropExperiment(props.id);
        }
        error.value = e.status === 404 ? 'No experiment ' + props.id : e.message;
        return;
      }
      loadReport();
      api.progress(props.id).then((p) => curves.load(p.curves || [])).catch(() => {});
    });
    onBeforeUnmount(() => {
      stops.forEach((stop) => stop());
      stops = [];
      clearTimeout(reportTimer);
      clearTimeout(tableTimer);
      clearInterval(pollTimer);
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

    const srLines = () => curves.lines((c) => c.series === 'best_mse');
    // The exact subset search has no generations: once every formula came from it, its fronts say what it did.
    const subsetOnly = computed(() => report.value.length > 0
      && report.value.every((d) => d.discovery && d.discovery.method === 'subset'));
    const trainingLines = () => curves.lines((c) => c.series === trainingSeries.value).slice(0, MAX_TRAINING_LINES);
    const trainingRuns = computed(() => {
      curves.version.value; // eslint-disable-line no-unused-expressions -- new runs arrive with points
      return curves.lines((c) => c.series === trainingSeries.value).length;
    });
    const seriesNames = computed(() => {
      curves.version.value; // eslint-disable-line no-unused-expressions -- new series arrive with points
      const names = curves.seriesNames();
      return names.length ? names : ['train_loss', 'val_loss'];
    });

    const metrics = computed(() => [...new Set(report.value.flatMap((d) => d.tables.flatMap((t) => t.metrics)))]);
    const shownMetric = computed(() => metric.value || metrics.value[0] || 'mse');
    const spreads = computed(() => {
      const groups = new Map();
      for (const t of trainings.value) {
        const id = t.dataset + ' · ' + t.structureName;
        if (!groups.has(id)) {
          groups.set(id, new Map());
        }
        const models = groups.get(id);
        if (!models.has(t.model)) {
          models.set(t.model, []);
        }
        const value = t.metrics[shownMetric.value];
        models.get(t.model).push({ seed: t.seed, value: typeof value === 'number' ? value : Number(value) });
      }
      return [...groups.entries()].map(([title, models]) => ({
        title, groups: [...models.entries()].map(([model, values]) => ({ model, values })),
      }));
    });

    const exportUrl = (what) => api.exportUrl(props.id, what);
    const when = (iso) => (iso ? new Date(iso).toLocaleString() : '');
    return {
      summary, spec, error, report, tasks, taskVersion, tasksLoaded, taskTotal, renderMs, curves, trainingSeries, seriesNames,
      srLines, subsetOnly, trainingLines, trainingRuns, metrics, metric, shownMetric, spreads, active, cancel, cancelling, exportUrl, when,
      MAX_TRAINING_LINES,
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

        <h2>Symbolic regression</h2>
        <LineChart v-if="!subsetOnly" :lines="srLines" :version="curves.version.value" x-name="generation" y-name="best MSE" log-y test="sr-chart" />
        <ParetoFront :datasets="report" />

        <h2>Discovered formulas</h2>
        <FormulaTable v-if="report.length" :datasets="report" />
        <p v-else class="hint" data-test="no-formulas">No formula yet.</p>

        <h2>Training
          <select v-model="trainingSeries" data-test="training-series"><option v-for="s in seriesNames" :key="s">{{ s }}</option></select>
        </h2>
        <LineChart :lines="trainingLines" :version="curves.version.value + ':' + trainingSeries" x-name="epoch" :y-name="trainingSeries" test="training-chart" />
        <p v-if="trainingRuns > MAX_TRAINING_LINES" class="hint">The first {{ MAX_TRAINING_LINES }} of {{ trainingRuns }} runs; the task table lists them all.</p>

        <h2>Comparison
          <select v-if="metrics.length" v-model="metric" data-test="metric"><option value="">{{ metrics[0] }}</option><option v-for="m in metrics.slice(1)" :key="m">{{ m }}</option></select>
        </h2>
        <template v-for="d in report" :key="d.dataset">
          <ComparisonTable v-for="t in d.tables" :key="t.structureName" :table="t" :dataset="d.dataset" />
          <p v-if="d.excluded.length" class="hint">Left out of the means (diverged): {{ d.excluded.join(', ') }}</p>
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

        <h2>Tasks <span v-if="renderMs !== null" class="hint" data-test="task-load-ms">(loaded and rendered in {{ renderMs }} ms)</span></h2>
        <TaskTable v-if="tasksLoaded" :tasks="tasks" :total="taskTotal" :version="taskVersion" />
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
