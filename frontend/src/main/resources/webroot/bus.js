// A small client of the Vert.x SockJS event-bus bridge: register/unregister frames, a ping
// every 5 s so the bridge keeps the session, and reconnection that re-registers every address.
// The bridge only lets out tn.progress.* and tn.events to the dashboard.
import { reactive } from 'vue';
import { session } from './session.js';

const PING_MS = 5000;
const MAX_RETRY_MS = 10000;

export const bus = reactive({ state: 'closed', error: '' });

const handlers = new Map();
let socket = null;
let pingTimer = null;
let retryMs = 500;
let retryTimer = null;

function frame(message) {
  if (socket && socket.readyState === 1) {
    socket.send(JSON.stringify(message));
  }
}

function headers() {
  return session.token ? { token: session.token } : {};
}

function register(address) {
  frame({ type: 'register', address, headers: headers() });
}

function deliver(message) {
  if (message.type === 'err') {
    bus.error = message.message || (message.body && String(message.body)) || 'bridge error';
    if (/denied|rejected|unauthori[sz]ed/i.test(bus.error)) {
      bus.state = 'denied';
    }
    return;
  }
  if (message.type !== 'rec') {
    return;
  }
  const listeners = handlers.get(message.address);
  if (!listeners) {
    return;
  }
  for (const listener of [...listeners]) {
    try {
      listener(message.body, message);
    } catch (e) {
      console.error('handler of', message.address, 'failed', e);
    }
  }
}

export function connect() {
  if (socket || typeof SockJS === 'undefined') {
    return;
  }
  clearTimeout(retryTimer);
  const url = '/eventbus' + (session.token ? '?token=' + encodeURIComponent(session.token) : '');
  bus.state = 'connecting';
  socket = new SockJS(url);
  socket.onopen = () => {
    bus.state = 'open';
    bus.error = '';
    retryMs = 500;
    for (const address of handlers.keys()) {
      register(address);
    }
    frame({ type: 'ping' });
    pingTimer = setInterval(() => frame({ type: 'ping' }), PING_MS);
  };
  socket.onmessage = (event) => {
    let message;
    try {
      message = JSON.parse(event.data);
    } catch (e) {
      return;
    }
    deliver(message);
  };
  socket.onclose = () => {
    clearInterval(pingTimer);
    socket = null;
    bus.state = 'closed';
    retryTimer = setTimeout(connect, retryMs);
    retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
  };
}

/** Reconnects, e.g. after signing in, so the bridge sees the new token. */
export function reconnect() {
  if (socket) {
    const old = socket;
    socket = null;
    old.onclose = null;
    old.close();
    clearInterval(pingTimer);
  }
  connect();
}

/** Listens on an address; returns the function that stops listening. */
export function subscribe(address, listener) {
  let listeners = handlers.get(address);
  if (!listeners) {
    listeners = new Set();
    handlers.set(address, listeners);
    register(address);
  }
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (!listeners.size) {
      handlers.delete(address);
      frame({ type: 'unregister', address, headers: headers() });
    }
  };
}
