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
  cancel: (id) => call('POST', `/api/experiments/${enc(id)}/cancel`),
  remove: (id) => call('DELETE', `/api/experiments/${enc(id)}`),
  nodes: () => call('GET', '/api/nodes'),
  validate: (body, contentType) => call('POST', '/api/experiments/validate', { body, contentType }),
  submit: (body, contentType) => call('POST', '/api/experiments', { body, contentType }),
  upload: (file) => call('POST', `/api/uploads?name=${enc(file.name)}`, { body: file, contentType: 'application/octet-stream' }),
  exportUrl: (id, what) => `/api/experiments/${enc(id)}/${what}`,
};

/**
 * All tasks of an experiment as frozen objects: the first page tells the total and the page
 * size the server allows (it is handed to onFirstPage so it can be shown at once), the other
 * pages are then fetched at once.
 */
export async function allTasks(id, onFirstPage) {
  const first = await api.tasks(id, 0, 1000);
  const total = first.total ?? first.tasks.length;
  const size = first.tasks.length;
  if (onFirstPage) {
    onFirstPage(first.tasks.map((task) => Object.freeze(task)), total);
  }
  const pages = [first.tasks];
  if (size > 0 && size < total) {
    const rest = [];
    for (let offset = size; offset < total; offset += size) {
      rest.push(api.tasks(id, offset, size).then((page) => page.tasks));
    }
    pages.push(...(await Promise.all(rest)));
  }
  const tasks = [];
  for (const page of pages) {
    for (const task of page) {
      tasks.push(Object.freeze(task));
    }
  }
  return tasks;
}
