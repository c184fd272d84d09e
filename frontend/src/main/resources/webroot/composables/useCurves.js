// Progress curves by task and series, kept outside reactivity (thousands of points); `version`
// says when they changed, at most 5 times a second.
import { ref } from 'vue';
import { throttle } from '../throttle.js';

export function useCurves() {
  const curves = new Map();
  const version = ref(0);
  const changed = throttle(() => version.value++, 200);
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
    stop: changed.cancel,
  };
}
