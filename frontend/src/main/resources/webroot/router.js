// Hash routing: #/experiments, #/new, #/experiments/<id>, #/compare/<id>,<id>,…, #/cluster.
import { reactive } from 'vue';

export const route = reactive({ name: 'experiments', id: null, ids: [] });

function parse() {
  const parts = location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'experiments' && parts[1]) {
    Object.assign(route, { name: 'experiment', id: parts[1] });
  } else if (parts[0] === 'compare' && parts[1]) {
    Object.assign(route, { name: 'compare', id: null, ids: parts[1].split(',') });
  } else if (parts[0] === 'new' || parts[0] === 'cluster') {
    Object.assign(route, { name: parts[0], id: null });
  } else {
    Object.assign(route, { name: 'experiments', id: null });
  }
}

export function go(path) {
  location.hash = path;
}

export function experimentPath(id) {
  return '#/experiments/' + encodeURIComponent(id);
}

export function comparePath(ids) {
  return '#/compare/' + ids.map(encodeURIComponent).join(',');
}

window.addEventListener('hashchange', parse);
parse();
