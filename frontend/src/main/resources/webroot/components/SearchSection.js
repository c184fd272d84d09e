// A search's trials, refreshed (at most once a second) as the experiment's task events arrive:
// each model's best configuration, the rungs with the trials promoted from and stopped at
// each, the metric against every hyperparameter, parallel coordinates over the space, and the
// trials table. A select narrows all but the best configurations to one data set and model.
import { computed, onBeforeUnmount, onMounted, ref, shallowRef } from 'vue';
import { allTrials } from '../api.js';
import { subscribe } from '../bus.js';
import { format } from '../report.js';
import { axesOf, latestRungs, valueText } from '../search.js';
import { throttle } from '../throttle.js';
import MetricScatter from './MetricScatter.js';
import ParallelCoordinates from './ParallelCoordinates.js';

const group = (t) => t.dataset + ' · ' + t.model;

/** Per rung: its epochs and the trials that reached it, were promoted from it and stopped at it. */
function rungsOf(trials) {
  const rungs = [];
  for (const t of trials) {
    const r = rungs[t.rung] || (rungs[t.rung] = { rung: t.rung, epochs: t.epochs, trials: [], promoted: [], stopped: [] });
    r.trials.push(t);
    if (t.promoted) {
      r.promoted.push(t);
    }
    if (t.stopped) {
      r.stopped.push(t);
    }
  }
  return rungs.filter(Boolean);
}

export default {
  components: { MetricScatter, ParallelCoordinates },
  props: { id: { type: String, required: true }, space: Object },
  setup(props) {
    const answer = shallowRef({ trials: [], best: [] });
    const error = ref('');
    const shown = ref('');
    const load = async () => {
      try {
        answer.value = await allTrials(props.id);
        error.value = '';
      } catch (e) {
        error.value = e.message;
      }
    };
    const refresh = throttle(load, 1000);
    let stop = null;
    onMounted(() => {
      stop = subscribe('tn.events', (event) => {
        if (event.experimentId === props.id && (event.type === 'task' || event.type === 'experiment')) {
          refresh();
        }
      });
      load();
    });
    onBeforeUnmount(() => {
      stop();
      refresh.cancel();
    });

    const groups = computed(() => [...new Set(answer.value.trials.map(group))]);
    const trials = computed(() => answer.value.trials.filter((t) => !shown.value || group(t) === shown.value));
    const latest = computed(() => latestRungs(trials.value));
    const axes = computed(() => axesOf(props.space, answer.value.trials));
    const metric = computed(() => (answer.value.trials[0] || answer.value.best[0] || {}).metric || 'metric');
    const rungs = computed(() => rungsOf(trials.value));
    const configText = (config) => Object.entries(config).map(([k, v]) => k + '=' + valueText(v)).join(', ');
    return { answer, error, shown, groups, trials, latest, axes, metric, rungs, configText, valueText, format, group };
  },
  template: `
    <div class="search" data-test="search-view" :data-trials="answer.trials.length">
      <h2>Search
        <select v-model="shown" data-test="search-group"><option value="">all data sets and models</option><option v-for="g in groups" :key="g">{{ g }}</option></select>
      </h2>
      <p v-if="error" class="error" data-test="search-error">{{ error }}</p>

      <table class="grid" data-test="best-configs">
        <caption>Best configuration of each model ({{ metric }} on the validation rows)</caption>
        <thead><tr><th>data set</th><th>model</th><th>trial</th><th>configuration</th><th>{{ metric }}</th></tr></thead>
        <tbody>
          <tr v-for="b in answer.best" :key="b.dataset + b.model" data-test="best-config" :data-model="b.model" :data-trial="b.trial">
            <td>{{ b.dataset }}</td><td>{{ b.model }}</td><td class="num">{{ b.trial }}</td>
            <td data-test="best-config-text">{{ configText(b.config) }}</td><td class="num">{{ format(b.value) }}</td>
          </tr>
        </tbody>
      </table>
      <p v-if="!answer.best.length" class="hint">No trial has finished yet.</p>

      <table class="grid rungs" data-test="rungs">
        <caption>Rungs: trials promoted to the next rung and stopped</caption>
        <thead><tr><th>rung</th><th>epochs</th><th>trials</th><th>promoted</th><th>stopped</th></tr></thead>
        <tbody>
          <tr v-for="r in rungs" :key="r.rung" data-test="rung" :data-rung="r.rung" :data-promoted="r.promoted.length" :data-stopped="r.stopped.length">
            <td class="num">{{ r.rung }}</td><td class="num">{{ r.epochs }}</td><td class="num">{{ r.trials.length }}</td>
            <td><span v-for="t in r.promoted" :key="group(t) + t.trial" class="chip promoted" :title="group(t)">{{ t.trial }}</span></td>
            <td><span v-for="t in r.stopped" :key="group(t) + t.trial" class="chip stopped" :title="group(t)">{{ t.trial }}</span></td>
          </tr>
        </tbody>
      </table>

      <div class="scatters">
        <MetricScatter v-for="a in axes" :key="a.name" :trials="latest" :axis="a" :metric="metric" />
      </div>
      <ParallelCoordinates v-if="latest.length" :trials="latest" :axes="axes" :metric="metric" />

      <table class="grid trials" data-test="trials">
        <thead><tr><th>data set</th><th>model</th><th>trial</th><th v-for="a in axes" :key="a.name">{{ a.name }}</th><th>rung</th><th>epochs</th><th>{{ metric }}</th><th>state</th><th></th></tr></thead>
        <tbody>
          <tr v-for="t in trials" :key="group(t) + t.trial + ':' + t.rung" data-test="trial-row" :data-trial="t.trial" :data-rung="t.rung" :data-state="t.state">
            <td>{{ t.dataset }}</td><td>{{ t.model }}</td><td class="num">{{ t.trial }}</td>
            <td v-for="a in axes" :key="a.name">{{ t.config[a.name] === undefined ? '' : valueText(t.config[a.name]) }}</td>
            <td class="num">{{ t.rung }}</td><td class="num">{{ t.epochs }}</td><td class="num">{{ format(t.value) }}</td>
            <td><span class="badge" :class="'s-' + t.state">{{ t.state }}</span></td>
            <td><span v-if="t.promoted" class="chip promoted" data-test="promoted">promoted</span><span v-if="t.stopped" class="chip stopped" data-test="stopped">stopped</span></td>
          </tr>
        </tbody>
      </table>
    </div>
  `,
};
