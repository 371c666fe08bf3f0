// What every view of the dashboard shares: the language (from the address, else the browser's), numbers and times in
// it, the reads of this service and route-service, the live stream and what the header says about it.
import { call } from '/shared/page.js';
import { TEXT } from './dashboard-text.js';

export const state = { config: null, definition: null, source: null, sources: [], lastMessage: 0, watchdog: null, timers: [] };
const connection = () => document.getElementById('connection');

/** The address: the view's path parts and its parameters (#/race/{id}/map?leg=2&lang=it). */
export function parseHash() {
  const [path, query] = location.hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { parts, params: new URLSearchParams(query || '') };
}

/** The page's language: the address's `lang`, else the browser's (Italian or English). */
export function lang() {
  const asked = parseHash().params.get('lang');
  if (asked === 'it' || asked === 'en') {
    return asked;
  }
  return (navigator.language || 'en').toLowerCase().startsWith('it') ? 'it' : 'en';
}

export const t = () => TEXT[lang()];

/** A link to a view, keeping the language the address asked for. */
export function href(path, params) {
  const q = new URLSearchParams(params || {});
  const asked = parseHash().params.get('lang');
  if (asked) {
    q.set('lang', asked);
  }
  const s = q.toString();
  return '#' + path + (s ? '?' + s : '');
}

/** A number in the page's language, two decimals; empty when missing. */
export const fmt = n => (n === null || n === undefined || Number.isNaN(Number(n)) ? ''
  : Number(n).toLocaleString(t().locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }));

export const esc = encodeURIComponent;

/** A moment in the race's own time zone, to the minute, in the page's language. */
export function moment(iso, def) {
  try {
    return new Date(iso).toLocaleString(t().locale, { timeZone: (def && def.timeZone) || 'UTC', day: 'numeric', month: 'short',
      hour: '2-digit', minute: '2-digit' });
  } catch (e) {
    return iso;
  }
}

/** A time of day in the race's time zone, to the minute: "18:30". */
export function hhmm(iso, def) {
  try {
    return new Date(iso).toLocaleTimeString(t().locale, { timeZone: (def && def.timeZone) || 'UTC', hour: '2-digit', minute: '2-digit',
      hour12: false });
  } catch (e) {
    return iso;
  }
}

/** What a list's badge says: FINAL, or PROVISIONAL with until when crews may protest once it is posted. */
export function statusWords(s, def) {
  if (s.status === 'FINAL') return t().final;
  if (!(s.posted && s.posted.protestsUntil)) return t().provisional;
  // the time alone while the window ends today (in the race's zone), with its day when it ends another day
  const until = s.posted.protestsUntil;
  try {
    const day = d => d.toLocaleDateString('en-CA', { timeZone: (def && def.timeZone) || 'UTC' });
    return t().protestsUntil(day(new Date(until)) === day(new Date()) ? hhmm(until, def) : moment(until, def));
  } catch (e) {
    return t().protestsUntil(hhmm(until, def)); // a zone the browser does not know
  }
}

/** A time of day in the race's time zone, to the second. */
export function clock(iso, def) {
  try {
    return new Date(iso).toLocaleTimeString(t().locale, { timeZone: (def && def.timeZone) || 'UTC', hour12: false });
  } catch (e) {
    return iso;
  }
}

/** A public read of this service or route-service: the body, or an Error saying the problem. */
export const json = url => call('', 'GET', url);

export async function config() {
  if (!state.config) {
    try {
      state.config = await json('/dashboard/config.json');
    } catch (e) {
      state.config = { routeUrl: '' };
    }
  }
  return state.config;
}

export async function definition(raceId) {
  if (state.definition && state.definition.id === raceId) {
    return state.definition;
  }
  try {
    state.definition = await json((await config()).routeUrl + '/api/races/' + esc(raceId));
  } catch (e) {
    state.definition = { id: raceId, legs: [], trophies: [], unavailable: true };
  }
  return state.definition;
}

export function setConnection(text, stale) {
  const c = connection();
  if (!c) {
    return; // a page without the status line (the widget)
  }
  c.textContent = text;
  c.classList.toggle('stale', !!stale);
}

/** Stops whatever the last view left running: its stream, its timers. */
export function closeStream() {
  if (state.source) {
    state.source.close();
  }
  state.source = null;
  state.sources.forEach(s => s.close()); // a view's other streams (the map's fixes)
  state.sources = [];
  clearInterval(state.watchdog);
  state.watchdog = null;
  state.timers.forEach(clearInterval);
  state.timers = [];
  setConnection('');
}

/** A timer that stops when the view changes. */
export function every(ms, work) {
  state.timers.push(setInterval(work, ms));
}

const timeNow = ms => new Date(ms).toLocaleTimeString(t().locale, { hour12: false });

/**
 * Live updates over SSE: {@code onData} with each whole list, {@code onMoved} with each compact event (`moved`); the
 * browser reconnects by itself, and a watchdog says when the data is stale.
 */
export function openStream(url, onData, onMoved) {
  const source = new EventSource(url);
  state.source = source;
  state.lastMessage = Date.now();
  setConnection(t().connecting);
  source.onopen = () => setConnection(t().liveNow);
  const heard = () => {
    state.lastMessage = Date.now();
    setConnection(t().liveNow);
  };
  source.onmessage = event => {
    heard();
    onData(JSON.parse(event.data));
  };
  if (onMoved) {
    source.addEventListener('moved', event => {
      heard();
      onMoved(JSON.parse(event.data));
    });
  }
  source.onerror = () => {
    setConnection(t().lost(timeNow(state.lastMessage)), true);
    if (source.readyState === EventSource.CLOSED) {
      setTimeout(() => { if (state.source === source) openStream(url, onData, onMoved); }, 3000);
    }
  };
  state.watchdog = setInterval(() => {
    if (Date.now() - state.lastMessage > 40000 && state.source === source) {
      setConnection(t().noUpdate(timeNow(state.lastMessage)), true);
      source.close();
      clearInterval(state.watchdog);
      openStream(url, onData, onMoved);
    }
  }, 5000);
}

// ---- SVG drawing: an element with attributes, and a drawing's root
export const ns = (tag, attrs) => {
  const e = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
};
export const svgRoot = (id, W, H, label) => ns('svg', { id, viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'aria-label': label });
