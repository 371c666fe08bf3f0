// The crew app's outbox: every fix kept in IndexedDB the moment it is taken (a reload, a crash of the browser, a flat
// battery, hours without network lose nothing), and sent in batches of at most 5000, oldest first, whenever there is
// network. A fix leaves the phone only once its batch was answered 202 (Kafka acknowledged it); a 503 or no network keeps
// everything for later; a 400 sets the fixes it names aside; a 401 or 403 stops sending (the link no longer works).
// Sending a batch again is harmless: timing takes a fix as the same fact by its car and time. No DOM here: the app
// hears what happened through {@link onChange}.
import { problem } from '/shared/page.js';

export const MAX_BATCH = 5000;

let db = null;
let listener = () => {};
let sending = false;
let timer = null;
let backoffMs = 0;
let who = null; // {token, race, car, lang}

/** What the screen shows of the outbox: set by the app, told after every change. */
export const outbox = { kept: 0, sent: 0, rejected: 0, lastAcceptedAt: null, state: 'idle', retryInS: 0, message: '' };

export function onChange(l) {
  listener = l;
}

function openDb() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open('crew', 1);
    request.onupgradeneeded = () => {
      request.result.createObjectStore('fixes', { keyPath: 'key' });
      request.result.createObjectStore('rejected', { keyPath: 'key' });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function tx(stores, mode, work) {
  return new Promise((resolve, reject) => {
    const transaction = db.transaction(stores, mode);
    const result = work(transaction);
    transaction.oncomplete = () => resolve(result && 'result' in result ? result.result : undefined);
    transaction.onerror = () => reject(transaction.error);
    transaction.onabort = () => reject(transaction.error);
  });
}

const prefix = () => `${who.race}/${who.car}/`;
const range = () => IDBKeyRange.bound(prefix(), prefix() + '\uffff');
const counter = () => 'crew.sent.' + who.race + '/' + who.car;

/** Opens the store for a race and car (and the token that sends their fixes), and counts what it keeps. */
export async function openOutbox(setup) {
  who = setup;
  db = db || await openDb();
  outbox.sent = Number(localStorage.getItem(counter()) || 0);
  await count();
  listener();
}

async function count() {
  outbox.kept = await tx(['fixes'], 'readonly', t => t.objectStore('fixes').count(range()));
  outbox.rejected = await tx(['rejected'], 'readonly', t => t.objectStore('rejected').count(range()));
}

/** Keeps a fix ({time, lat, lon, …}); the same time again replaces it (one fix a moment), and a send follows soon. */
export async function keep(fix) {
  const record = { key: prefix() + fix.time, ...fix };
  await tx(['fixes'], 'readwrite', t => t.objectStore('fixes').put(record));
  await count();
  listener();
  if (!timer && !sending && outbox.state !== 'token') {
    sendSoon(outbox.kept >= 500 ? 0 : 3000);
  }
}

export function sendSoon(delayMs = 0) {
  clearTimeout(timer);
  timer = setTimeout(() => { timer = null; send(); }, delayMs);
}

/** Send now, whatever waiting a failure asked for (Send now pressed, the network back). */
export function sendNow() {
  backoffMs = 0;
  if (outbox.state === 'token') {
    outbox.state = 'idle';
  }
  sendSoon(0);
}

function retry(state, minMs, maxMs, message = '') {
  backoffMs = Math.min(Math.max(backoffMs * 2, minMs), maxMs);
  outbox.state = state;
  outbox.retryInS = Math.round(backoffMs / 1000);
  outbox.message = message;
  sendSoon(backoffMs);
}

const FIELDS = ['time', 'lat', 'lon', 'speedMs', 'headingDeg', 'accuracyM', 'source'];
const body = fix => Object.fromEntries(FIELDS.filter(f => fix[f] !== null && fix[f] !== undefined).map(f => [f, fix[f]]));

async function send() {
  if (sending || !who || !db) {
    return;
  }
  sending = true;
  try {
    for (;;) {
      const batch = await tx(['fixes'], 'readonly', t => t.objectStore('fixes').getAll(range(), MAX_BATCH));
      if (!batch.length) {
        outbox.state = 'idle';
        outbox.message = '';
        backoffMs = 0;
        return;
      }
      let response;
      try {
        response = await fetch(`/api/races/${encodeURIComponent(who.race)}/cars/${who.car}/fixes`, {
          method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'Accept-Language': who.lang(),
            Authorization: 'Bearer ' + who.token },
          body: JSON.stringify(batch.map(body)),
        });
      } catch (e) {
        retry('offline', 2000, 30000);
        return;
      }
      if (response.status === 202) {
        await tx(['fixes'], 'readwrite', t => batch.forEach(f => t.objectStore('fixes').delete(f.key)));
        outbox.sent += batch.length;
        localStorage.setItem(counter(), String(outbox.sent));
        outbox.lastAcceptedAt = Date.now();
        outbox.state = 'idle';
        outbox.message = '';
        backoffMs = 0;
        await count();
        listener();
        continue;
      }
      let data = null;
      try { data = await response.json(); } catch (e) { data = null; }
      const said = problem(response.status, data);
      if (response.status === 401 || response.status === 403) {
        outbox.state = 'token'; // kept, not sent: a new link is needed (Send now tries again)
        outbox.message = said.message;
        return;
      }
      if (response.status === 400 || response.status === 413) {
        // each fix the problem names ([3].lat) set aside, the others sent again at once; none named: wait and say it
        const bad = new Set(said.errors.map(e => /^\[(\d+)\]/.exec(e.field || '')).filter(Boolean).map(m => Number(m[1])));
        if (!bad.size) {
          retry('refused', 30000, 300000, said.message);
          return;
        }
        await tx(['fixes', 'rejected'], 'readwrite', t => [...bad].filter(i => batch[i]).forEach(i => {
          t.objectStore('fixes').delete(batch[i].key);
          t.objectStore('rejected').put({ ...batch[i], problem: said.message });
        }));
        outbox.state = 'refused';
        outbox.message = said.message;
        await count();
        listener();
        continue;
      }
      // 503 (Kafka did not acknowledge in time), 429, 5xx: everything kept, sent again later
      const after = Number(response.headers.get('Retry-After'));
      retry('busy', Number.isFinite(after) && after > 0 ? after * 1000 : 5000, 60000);
      return;
    }
  } finally {
    sending = false;
    listener();
  }
}
