// All experiments, newest first: state, progress, counts by state; sorting and filtering on
// the client (the store holds frozen summaries, kept current from tn.events). Ticking two or
// more opens them side by side.
import { computed, onMounted, ref } from 'vue';
import { store, loadExperiments, progressOf } from '../store.js';
import { comparePath, experimentPath } from '../router.js';
import ProgressBar from './ProgressBar.js';
import StateCounts from './StateCounts.js';

const SORTS = {
  created: (a, b) => (b.createdAt || '').localeCompare(a.createdAt || ''),
  name: (a, b) => (a.name || '').localeCompare(b.name || ''),
  state: (a, b) => (a.state || '').localeCompare(b.state || ''),
  progress: (a, b) => progressOf(a) - progressOf(b),
  tasks: (a, b) => (b.total || 0) - (a.total || 0),
};

export default {
  components: { ProgressBar, StateCounts },
  setup() {
    onMounted(loadExperiments);
    const text = ref('');
    const state = ref('');
    const sort = ref('created');
    const shown = computed(() => {
      const needle = text.value.trim().toLowerCase();
      return store.experiments
        .filter((e) => !state.value || e.state === state.value)
        .filter((e) => !needle || (e.name || '').toLowerCase().includes(needle) || e.id.includes(needle))
        .sort(SORTS[sort.value]);
    });
    const picked = ref([]);
    const when = (iso) => (iso ? new Date(iso).toLocaleString() : '');
    return { store, text, state, sort, shown, picked, when, experimentPath, comparePath };
  },
  template: `
    <section data-test="experiments-view">
      <div class="toolbar">
        <h1>Experiments</h1>
        <input type="search" v-model="text" placeholder="filter by name" data-test="filter-text">
        <select v-model="state" data-test="filter-state">
          <option value="">all states</option>
          <option>ACTIVE</option><option>DONE</option><option>FAILED</option><option>CANCELLED</option>
        </select>
        <label>sort
          <select v-model="sort" data-test="sort">
            <option value="created">newest</option><option value="name">name</option><option value="state">state</option>
            <option value="progress">progress</option><option value="tasks">tasks</option>
          </select>
        </label>
        <a v-if="picked.length > 1" class="button" :href="comparePath(picked)" data-test="compare">Compare {{ picked.length }}</a>
        <a class="button" href="#/new" data-test="new-experiment">New experiment</a>
      </div>
      <p v-if="store.experimentsError" class="error" data-test="list-error">{{ store.experimentsError }}</p>
      <p v-else-if="store.experimentsLoaded && !store.experiments.length" class="empty">No experiments yet: <a href="#/new">start one</a>.</p>
      <table v-else class="grid" data-test="experiments">
        <thead><tr><th class="compare-pick" title="tick two or more to compare"></th><th>name</th><th>state</th><th>progress</th><th>tasks</th><th>by state</th><th>created</th></tr></thead>
        <tbody>
          <tr v-for="e in shown" :key="e.id" data-test="experiment-row" :data-id="e.id">
            <td><input type="checkbox" :value="e.id" v-model="picked" data-test="compare-pick"></td>
            <td><a :href="experimentPath(e.id)" data-test="experiment-link">{{ e.name }}</a></td>
            <td><span class="badge" :class="'s-' + e.state" data-test="experiment-state">{{ e.state }}</span></td>
            <td><ProgressBar :summary="e" /></td>
            <td class="num">{{ e.total }}</td>
            <td><StateCounts :counts="e.counts" /></td>
            <td>{{ when(e.createdAt) }}</td>
          </tr>
        </tbody>
      </table>
    </section>
  `,
};
