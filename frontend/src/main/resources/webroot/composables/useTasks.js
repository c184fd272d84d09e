// An experiment's tasks as frozen objects: the first page is shown at once, the others follow;
// task events patch them in place and the table re-filters at most 4 times a second.
import { ref, shallowRef } from 'vue';
import { allTasks } from '../api.js';
import { throttle } from '../throttle.js';

export function useTasks(experimentId) {
  const tasks = shallowRef([]);
  const version = ref(0);
  const loaded = ref(false);
  const total = ref(0);
  const renderMs = ref(null);
  const changed = throttle(() => version.value++, 250);
  let index = new Map();

  const show = (list, count) => {
    index = new Map(list.map((t, i) => [t.id, i]));
    tasks.value = list;
    total.value = count;
    loaded.value = true;
  };
  const load = async () => {
    const start = performance.now();
    const list = await allTasks(experimentId, (firstPage, count) => {
      if (!loaded.value) {
        show(firstPage, count);
      }
    });
    show(list, list.length);
    requestAnimationFrame(() => {
      renderMs.value = Math.round(performance.now() - start);
    });
  };
  const patch = (event) => {
    const at = index.get(event.taskId);
    if (at !== undefined) {
      const list = tasks.value;
      list[at] = Object.freeze({ ...list[at], state: event.state, worker: event.worker ?? list[at].worker,
        error: event.error ?? list[at].error, updatedAt: new Date().toISOString() });
      changed();
    }
  };
  return { tasks, version, loaded, total, renderMs, load, patch, stop: changed.cancel };
}
