// The timekeeper app's outbox: every crossing kept in IndexedDB before anything else happens (the queue survives a
// reload, a crash of the browser, a flat battery), and sent in batches with the id made at the press, so a retry is
// answered DUPLICATE and never stored twice; a correction voids the passage sent first.
import { problem as problemOf } from '/shared/page.js';
import { $, localTime, state, store, t } from './app-core.js';

let sending = false;
let backoffMs = 0;
let retryTimer = null;

// ---- IndexedDB: the queue that survives a reload, a crash of the browser, a flat battery

let db;
function openDb() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open('timekeeper', 1);
    request.onupgradeneeded = () => request.result.createObjectStore('crossings', { keyPath: 'id' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}
function tx(mode, work) {
  return new Promise((resolve, reject) => {
    const transaction = db.transaction('crossings', mode);
    const result = work(transaction.objectStore('crossings'));
    transaction.oncomplete = () => resolve(result && 'result' in result ? result.result : undefined);
    transaction.onerror = () => reject(transaction.error);
    transaction.onabort = () => reject(transaction.error);
  });
}
/** What to do once a sending ended, whatever came of it: app.js draws the capture screen again. */
let changed = () => {};
export function whenSent(listener) {
  changed = listener;
}

export const save = crossing => tx('readwrite', s => s.put(crossing));
export const remove = id => tx('readwrite', s => s.delete(id));
async function load() {
  const all = await tx('readonly', s => s.getAll());
  state.crossings = all.sort((a, b) => b.at - a.at);
}

/** The queue opened and read: the crossings kept before the page was (re)loaded. */
export async function openQueue() {
  db = await openDb();
  await load();
}

// ---- the post's token on every call

function authorization() {
  return { Authorization: 'Bearer ' + state.setup.token };
}

// ---- send: voids first, then the numbered crossings in batches

export const waitingOnes = () => state.crossings.filter(c => c.status === 'waiting' || c.status === 'void-waiting');

export function sendSoon(delayMs = 0) {
  clearTimeout(retryTimer);
  retryTimer = setTimeout(send, delayMs);
}

/** Send now, the waiting after a failure forgotten (Send now pressed, the network back). */
export function sendNow() {
  backoffMs = 0;
  sendSoon();
}

async function send() {
  if (sending || !state.setup) {
    return;
  }
  sending = true;
  try {
    for (const c of state.crossings.filter(x => x.status === 'void-waiting')) {
      const response = await fetch(`/api/races/${encodeURIComponent(c.race)}/passages/${c.id}/void`, {
        method: 'POST', headers: { 'Content-Type': 'application/json', 'Accept-Language': state.lang || 'en', ...authorization() },
        body: JSON.stringify({ reason: c.voidReason }),
      });
      if (response.ok || response.status === 404) {
        c.status = 'voided';
      } else if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429) {
        c.status = 'void-refused'; // race direction must void it
        c.errors = [await problem(response)];
      } else {
        throw new Error('void not answered: ' + response.status);
      }
      await save(c);
    }
    const byRace = {};
    state.crossings.filter(c => c.status === 'waiting').sort((a, b) => a.at - b.at)
      .forEach(c => (byRace[c.race] = byRace[c.race] || []).push(c));
    for (const [race, list] of Object.entries(byRace)) {
      for (let i = 0; i < list.length; i += 500) {
        const batch = list.slice(i, i + 500);
        const offset = state.clock ? Math.round(state.clock.offsetMs) : 0;
        const response = await fetch(`/api/races/${encodeURIComponent(race)}/passages/batch`, {
          method: 'POST', headers: { 'Content-Type': 'application/json', 'Accept-Language': state.lang || 'en', ...authorization() },
          body: JSON.stringify(batch.map(c => ({ id: c.id, car: c.car, point: c.point, time: c.time, device: c.device,
            source: c.source, clockOffsetMs: c.clockOffsetMs == null ? offset : c.clockOffsetMs, precisionMs: c.precisionMs ?? undefined,
            clockUncertaintyMs: c.clockUncertaintyMs ?? undefined }))),
        });
        if (!response.ok) {
          $('send-state').textContent = t().refused(await problem(response));
          backoffMs = Math.min(Math.max(backoffMs * 2, 2000), 60000);
          sendSoon(backoffMs);
          return;
        }
        const answer = await response.json();
        for (let k = 0; k < batch.length; k++) {
          const c = batch[k];
          const r = answer.results[k];
          c.status = { CREATED: 'sent', DUPLICATE: 'duplicate', CONFLICT: 'conflict', INVALID: 'rejected' }[r.status] || 'rejected';
          c.errors = r.errors ? r.errors.map(e => (e.field ? e.field + ': ' : '') + e.message) : null;
          c.warnings = r.warnings || null;
          c.sentAt = Date.now();
          if (c.clockOffsetMs == null) {
            c.clockOffsetMs = offset;
          }
          await save(c);
        }
        store.set('lastAccepted', Date.now());
      }
    }
    backoffMs = 0;
    $('send-state').textContent = store.get('lastAccepted') ? t().lastAccepted(localTime(store.get('lastAccepted'))) : '';
  } catch (e) {
    // no network: everything stays queued; try again later, a little later each time
    backoffMs = Math.min(Math.max(backoffMs * 2, 1000), 30000);
    $('send-state').textContent = t().offline(Math.round(backoffMs / 1000));
    sendSoon(backoffMs);
    return;
  } finally {
    sending = false;
    changed();
  }
  if (waitingOnes().length) {
    sendSoon(1000);
  }
}

async function problem(response) {
  let data = null;
  try { data = await response.json(); } catch (e) { data = null; }
  return problemOf(response.status, data).message;
}
