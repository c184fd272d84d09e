// REST client of the Task Neurons server: JSON in and out, the bearer token on every call,
// failures as ApiError with the server's violations ({field, message}).
import { session } from './session.js';

export class ApiError extends Error {
  constructor(status, message, violations) {
    super(message);
    this.status = status;
    this.violations = violations || [];
  }
}

async function call(method, path, { body, contentType } = {}) {
  const headers = { Accept: 'application/json' };
  if (session.token) {
    headers.Authorization = 'Bearer ' + session.token;
  }
  let payload;
  if (body !== undefined) {
    headers['Content-Type'] = contentType || 'application/json';
    payload = typeof body === 'string' || body instanceof Blob || body instanceof ArrayBuffer ? body : JSON.stringify(body);
  }
  const response = await fetch(path, { method, headers, body: payload });
  if (response.status === 401) {
    session.signInNeeded = true;
  }
  if (response.status === 204) {
    return null;
  }
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (e) {
    json = null;
  }
  if (!response.ok) {
    const message = (json && (json.error || json.message)) || text || response.statusText;
    throw new ApiError(response.status, message, json && json.violations);
  }
  return json;
}

const enc = encodeURIComponent;

export const api = {
  config: () => call('GET', '/api/config'),
  experiments: (offset = 0, limit = 500) => call('GET', `/api/experiments?offset=${offset}&limit=${limit}`),
  experiment: (id) => call('GET', `/api/experiments/${enc(id)}`),
  tasks: (id, offset, limit) => call('GET', `/api/experiments/${enc(id)}/tasks?offset=${offset}&limit=${limit}`),
  results: (id) => call('GET', `/api/experiments/${enc(id)}/results`),
  report: (id) => call('GET', `/api/experiments/${enc(id)}/report`),
  progress: (id) => call('GET', `/api/experiments/${enc(id)}/progress`),
  trials: (id, offset, limit) => call('GET', `/api/experiments/${enc(id)}/trials?offset=${offset}&limit=${limit}`),
  cancel: (id) => call('POST', `/api/experiments/${enc(id)}/cancel`),
  remove: (id) => call('DELETE', `/api/experiments/${enc(id)}`),
  nodes: () => call('GET', '/api/nodes'),
  validate: (body, contentType) => call('POST', '/api/experiments/validate', { body, contentType }),
  submit: (body, contentType) => call('POST', '/api/experiments', { body, contentType }),
  upload: (file) => call('POST', `/api/uploads?name=${enc(file.name)}`, { body: file, contentType: 'application/octet-stream' }),
  exportUrl: (id, what) => `/api/experiments/${enc(id)}/${what}`,
};

/**
 * Every item of a paged list (`field` of each page): the first page tells the total and the
 * page size the server allows (it is handed to onFirstPage so it can be shown at once), the
 * other pages are then fetched at once.
 */
async function allPages(fetchPage, field, onFirstPage) {
  const first = await fetchPage(0, 1000);
  const size = first[field].length;
  const total = first.total ?? size;
  if (onFirstPage) {
    onFirstPage(first, total);
  }
  const rest = [];
  for (let offset = size; size > 0 && offset < total; offset += size) {
    rest.push(fetchPage(offset, size).then((page) => page[field]));
  }
  return { first, items: [first[field], ...(await Promise.all(rest))].flat() };
}

/** All tasks of an experiment as frozen objects; onFirstPage(tasks, total) shows the first page early. */
export async function allTasks(id, onFirstPage) {
  const freeze = (tasks) => tasks.map((task) => Object.freeze(task));
  const { items } = await allPages((offset, limit) => api.tasks(id, offset, limit), 'tasks',
    onFirstPage && ((first, total) => onFirstPage(freeze(first.tasks), total)));
  return freeze(items);
}

/** A search's trials (every page) and each data set's and model's best configuration. */
export async function allTrials(id) {
  const { first, items } = await allPages((offset, limit) => api.trials(id, offset, limit), 'trials');
  return { trials: items, best: first.best };
}
