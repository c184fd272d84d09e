// The dashboard's one store: server configuration, the experiments list and the cluster's
// nodes, kept current from tn.events. Lists hold frozen objects in shallow refs, so thousands
// of rows cost no deep reactivity.
import { reactive, shallowRef } from 'vue';
import { api } from './api.js';
import { subscribe } from './bus.js';
import { session } from './session.js';

export const TERMINAL = ['DONE', 'FAILED', 'CANCELLED'];
export const STATES = ['QUEUED', 'WAITING', 'RUNNING', 'DONE', 'FAILED', 'CANCELLED'];

export const store = reactive({
  config: null,
  experiments: shallowRef([]),
  experimentsError: '',
  experimentsLoaded: false,
  nodes: shallowRef([]),
  nodesError: '',
});

export async function loadConfig() {
  store.config = await api.config();
  session.tokenRequired = !!store.config.tokenRequired;
  session.signInNeeded = session.tokenRequired && !session.token;
}

// Loads overlap (the app's start, the list's mount, events of new experiments, a delete): only
// the latest one's answer is shown, so an older one cannot bring back a deleted experiment.
let latestLoad = 0;

export async function loadExperiments() {
  const load = ++latestLoad;
  let page;
  try {
    page = await api.experiments(0, 1000);
  } catch (e) {
    if (load === latestLoad) {
      store.experimentsError = e.message;
      store.experimentsLoaded = true;
    }
    return;
  }
  if (load === latestLoad) {
    store.experiments = page.experiments.map((e) => Object.freeze(e));
    store.experimentsError = '';
    store.experimentsLoaded = true;
  }
}

export function upsertExperiment(summary) {
  const list = store.experiments.slice();
  const at = list.findIndex((e) => e.id === summary.id);
  if (at >= 0) {
    list[at] = Object.freeze({ ...list[at], ...summary });
  } else {
    list.unshift(Object.freeze(summary));
  }
  store.experiments = list;
}

/** Takes an experiment off the list: deleted here or elsewhere (a "deleted" event), or found gone. */
export function dropExperiment(id) {
  store.experiments = store.experiments.filter((e) => e.id !== id);
}

export async function loadNodes() {
  try {
    store.nodes = (await api.nodes()).nodes.map((n) => Object.freeze(n));
    store.nodesError = '';
  } catch (e) {
    store.nodesError = e.message;
  }
}

let reloadTimer = null;
function reloadSoon() {
  clearTimeout(reloadTimer);
  reloadTimer = setTimeout(loadExperiments, 300);
}

function onEvent(event) {
  if (event.type === 'experiment') {
    const known = store.experiments.find((e) => e.id === event.experimentId);
    if (known) {
      upsertExperiment({ id: event.experimentId, state: event.state, counts: event.counts, updatedAt: new Date().toISOString() });
    } else {
      reloadSoon();
    }
  } else if (event.type === 'deleted') {
    dropExperiment(event.experimentId);
  } else if (event.type === 'node') {
    const nodes = store.nodes.slice();
    const at = nodes.findIndex((n) => n.node === event.node);
    const node = Object.freeze({ node: event.node, mode: event.mode, workers: event.workers || [], lastSeen: new Date().toISOString() });
    if (at >= 0) {
      nodes[at] = node;
    } else {
      nodes.push(node);
    }
    store.nodes = nodes;
  }
}

export function listen() {
  subscribe('tn.events', onEvent);
}

export function progressOf(summary) {
  const counts = summary.counts || {};
  const finished = TERMINAL.reduce((sum, state) => sum + (counts[state] || 0), 0);
  return summary.total ? finished / summary.total : 0;
}

