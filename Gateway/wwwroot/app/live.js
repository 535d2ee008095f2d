// One EventSource per tab on /api/live: the browser reconnects by itself and sends Last-Event-ID, and the
// server replays what was missed with no gap and no duplicate. Listeners get every event with its kind.
import { session } from './api.js';

const listeners = new Set();
let source;

export function onLive(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function startLive() {
  if (source || !session.token) return;
  source = new EventSource(`/api/live?access_token=${encodeURIComponent(session.token)}`);
  for (const kind of ['ready', 'message', 'system', 'recall', 'private', 'subscription', 'reconnect']) {
    source.addEventListener(kind, (event) => {
      let data = null;
      try { data = JSON.parse(event.data); } catch { /* a frame without JSON */ }
      for (const listener of listeners) listener(kind, data);
    });
  }
  source.addEventListener('error', () => {
    for (const listener of listeners) listener('offline', null);
  });
}

export function stopLive() {
  source?.close();
  source = undefined;
}
