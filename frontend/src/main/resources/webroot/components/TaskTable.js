// The tasks of one experiment, virtualized: only the rows in view (plus a margin) are in the
// DOM, so 10,000 tasks render as fast as 30. The caller owns the (frozen) task objects and
// bumps `version` when it replaced some of them.
import { computed, ref } from 'vue';
import { STATES } from '../store.js';

const ROW_HEIGHT = 28;
const VIEW_ROWS = 16;
const MARGIN_ROWS = 8;

const SORTS = {
  order: null,
  key: (a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  state: (a, b) => STATES.indexOf(a.state) - STATES.indexOf(b.state),
  updated: (a, b) => (b.updatedAt || '').localeCompare(a.updatedAt || ''),
  attempt: (a, b) => (b.attempt || 0) - (a.attempt || 0),
};

export default {
  props: {
    tasks: { type: Array, required: true },
    total: { type: Number, default: 0 },
    version: { type: Number, default: 0 },
  },
  setup(props) {
    const text = ref('');
    const state = ref('');
    const sort = ref('order');
    const scrollTop = ref(0);

    const shown = computed(() => {
      props.version; // eslint-disable-line no-unused-expressions -- re-filter when tasks changed in place
      const needle = text.value.trim().toLowerCase();
      const list = props.tasks.filter((t) => (!state.value || t.state === state.value)
        && (!needle || t.key.toLowerCase().includes(needle) || (t.worker || '').toLowerCase().includes(needle)));
      return SORTS[sort.value] ? list.sort(SORTS[sort.value]) : list;
    });
    const first = computed(() => Math.max(0, Math.floor(scrollTop.value / ROW_HEIGHT) - MARGIN_ROWS));
    const rows = computed(() => shown.value.slice(first.value, first.value + VIEW_ROWS + 2 * MARGIN_ROWS));
    const before = computed(() => first.value * ROW_HEIGHT);
    const after = computed(() => Math.max(0, (shown.value.length - first.value - rows.value.length) * ROW_HEIGHT));
    const onScroll = (event) => {
      scrollTop.value = event.target.scrollTop;
    };
    const time = (iso) => (iso ? new Date(iso).toLocaleTimeString() : '');
    return { text, state, sort, shown, rows, before, after, onScroll, time, STATES, ROW_HEIGHT, VIEW_ROWS };
  },
  template: `
    <div class="task-table" data-test="task-table" :data-count="shown.length">
      <div class="toolbar small">
        <input type="search" v-model="text" placeholder="filter by key or worker" data-test="task-filter">
        <select v-model="state" data-test="task-state-filter"><option value="">all states</option><option v-for="s in STATES" :key="s">{{ s }}</option></select>
        <label>sort <select v-model="sort" data-test="task-sort"><option value="order">planned</option><option value="key">key</option><option value="state">state</option><option value="updated">updated</option><option value="attempt">attempts</option></select></label>
        <span class="hint" data-test="task-count">{{ shown.length }} of {{ tasks.length }} tasks<template v-if="total > tasks.length"> (loading the other {{ total - tasks.length }}…)</template></span>
      </div>
      <div class="task-head"><span>key</span><span>kind</span><span>state</span><span>attempt</span><span>worker</span><span>updated</span><span>error</span></div>
      <div class="task-scroll" :style="{height: (Math.min(VIEW_ROWS, Math.max(shown.length, 1)) * ROW_HEIGHT + 2) + 'px'}" @scroll.passive="onScroll" data-test="task-scroll">
        <div :style="{height: before + 'px'}"></div>
        <div v-for="t in rows" :key="t.id" class="task-row" :style="{height: ROW_HEIGHT + 'px'}" data-test="task-row" :data-key="t.key" :data-state="t.state">
          <span class="key" :title="t.key">{{ t.key }}</span>
          <span>{{ t.kind }}</span>
          <span><span class="badge" :class="'s-' + t.state">{{ t.state }}</span></span>
          <span class="num">{{ t.attempt }}/{{ t.maxAttempts }}</span>
          <span :title="t.worker">{{ t.worker }}</span>
          <span>{{ time(t.updatedAt) }}</span>
          <span class="error-text" :title="t.error">{{ t.error }}</span>
        </div>
        <div :style="{height: after + 'px'}"></div>
      </div>
    </div>
  `,
};
