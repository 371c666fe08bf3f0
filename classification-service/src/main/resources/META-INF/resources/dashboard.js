// The live race dashboard: races, standings (live over SSE), crew pages, the leg map and anomalies.
// An ES module in the project's one page style (shared/page.js); no network beyond this service and route-service's
// public reads.
import { call, el as h, fill } from '/shared/page.js';

const app = document.getElementById('app');
const connection = document.getElementById('connection');
const state = { config: null, race: null, definition: null, source: null, lastMessage: 0, positions: new Map(), watchdog: null };

const fmt = (n) => n === null || n === undefined ? '' : Number(n).toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const esc = encodeURIComponent;

/** A public read of this service or route-service: the body, or an Error saying the problem. */
const json = (url) => call('', 'GET', url);

async function config() {
  if (!state.config) {
    try { state.config = await json('/dashboard/config.json'); } catch (e) { state.config = { routeUrl: '' }; }
  }
  return state.config;
}

async function definition(raceId) {
  if (state.definition && state.definition.id === raceId) return state.definition;
  try {
    state.definition = await json((await config()).routeUrl + '/api/races/' + esc(raceId));
  } catch (e) {
    state.definition = { id: raceId, legs: [], trophies: [], unavailable: true };
  }
  return state.definition;
}

function setConnection(text, stale) {
  connection.textContent = text;
  connection.classList.toggle('stale', !!stale);
}

function closeStream() {
  if (state.source) state.source.close();
  state.source = null;
  clearInterval(state.watchdog);
  state.watchdog = null;
  setConnection('');
}

function parseHash() {
  const [path, query] = location.hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { parts, params: new URLSearchParams(query || '') };
}

function navFor(raceId, current) {
  const nav = document.getElementById('race-nav');
  nav.hidden = !raceId;
  if (!raceId) return;
  const links = { standings: '#/race/' + esc(raceId), map: '#/race/' + esc(raceId) + '/map', anomalies: '#/race/' + esc(raceId) + '/anomalies' };
  for (const [name, href] of Object.entries(links)) {
    const a = document.getElementById('nav-' + name);
    a.href = href;
    if (name === current) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
}

async function route() {
  closeStream();
  const { parts, params } = parseHash();
  try {
    if (parts[0] !== 'race' || !parts[1]) { navFor(null); return await racesPage(); }
    const raceId = parts[1];
    if (parts[2] === 'crew' && parts[3]) { navFor(raceId, 'standings'); return await crewPage(raceId, parts[3]); }
    if (parts[2] === 'map') { navFor(raceId, 'map'); return await mapPage(raceId, params); }
    if (parts[2] === 'anomalies') { navFor(raceId, 'anomalies'); return await anomaliesPage(raceId); }
    navFor(raceId, 'standings');
    return await standingsPage(raceId, params);
  } catch (e) {
    fill(app, h('p', { class: 'error', role: 'alert' }, 'Could not load this page: ' + e.message));
  }
}

// ---- the race picker
async function racesPage() {
  document.title = 'Races – live standings';
  const races = await json('/api/races');
  fill(app, h('h1', {}, 'Races'),
    races.length === 0 ? h('p', { class: 'muted' }, 'No race yet: define one in route-service.') :
      h('ul', { class: 'races' }, races.map(r => h('li', {}, h('a', { href: '#/race/' + esc(r.id), 'data-race': r.id },
        h('strong', {}, r.name || r.id), h('br'), h('span', { class: 'muted' }, r.year + ' · ' + r.legs + ' legs · ' + r.model))))));
  app.focus();
}

// ---- the standings, live
function listQuery(params) {
  const q = new URLSearchParams();
  for (const key of ['list', 'leg', 'cumulative', 'category', 'trophy', 'page', 'size']) {
    if (params.get(key)) q.set(key, params.get(key));
  }
  if (!q.get('size')) q.set('size', '100');
  return q;
}

async function standingsPage(raceId, params) {
  const def = await definition(raceId);
  const crews = await json('/api/races/' + esc(raceId) + '/crews');
  const categories = [...new Set(crews.map(c => c.category).filter(Boolean))].sort();
  const q = listQuery(params);
  const list = q.get('list') || 'overall';
  const selector = h('select', { id: 'list-select', 'aria-label': 'Which list', onchange: (e) => {
    const [l, extra] = e.target.value.split(':');
    const next = new URLSearchParams({ list: l });
    if (l === 'leg') { next.set('leg', extra.replace('c', '')); next.set('cumulative', String(extra.endsWith('c'))); }
    if (l === 'category') next.set('category', extra);
    if (l === 'trophy') next.set('trophy', extra);
    location.hash = '#/race/' + esc(raceId) + '?' + next.toString();
  } });
  const option = (value, label) => h('option', { value, selected: value === currentValue(q) }, label);
  selector.append(option('overall', 'Overall'));
  for (const leg of def.legs || []) {
    selector.append(option('leg:' + leg.number, 'Leg ' + leg.number + ' alone'), option('leg:' + leg.number + 'c', 'Up to leg ' + leg.number));
  }
  selector.append(option('ladies', 'Coppa delle Dame'));
  for (const c of categories) selector.append(option('category:' + c, 'Category ' + c));
  for (const t of def.trophies || []) selector.append(option('trophy:' + t.name, t.name));
  selector.append(option('teams', 'Teams'));

  const head = h('div', { class: 'meta' });
  const table = h('div', { class: 'table-wrap' });
  const pager = h('div', { class: 'pager no-print' });
  const replay = timeSlider(def, (asOf) => {
    if (asOf === null) { live(); return; }
    closeStream();
    setConnection('Replay: the list as it stood then');
    json('/api/races/' + esc(raceId) + '/standings?' + q + '&asOf=' + esc(asOf)).then(render).catch(e => setConnection('Could not replay: ' + e.message, true));
  });
  fill(app, h('h1', { id: 'race-title' }, def.name || raceId), head,
    h('div', { class: 'controls' }, h('label', { for: 'list-select' }, 'List '), selector,
      h('button', { onclick: () => window.print(), class: 'no-print' }, 'Print')), replay, table, pager);
  document.getElementById('print-footer').textContent = (def.name || raceId) + ' — printed ' + new Date().toLocaleString();
  state.positions = new Map();

  const render = (s) => {
    document.title = (def.name || raceId) + ' – ' + (s.asOfTrial ? 'after ' + s.asOfTrial : 'standings');
    fill(head,
      h('span', { class: 'badge ' + (s.status === 'FINAL' ? 'final' : 'provisional'), id: 'status' }, s.status === 'FINAL' ? 'FINAL' : 'PROVISIONAL'),
      h('span', { id: 'as-of' }, s.asOfTrial ? 'Updated to ' + s.asOfTrial : 'No trial scored yet'),
      s.asOf ? h('span', { class: 'badge replay', id: 'replay-badge' }, 'As of ' + moment(s.asOf, def)) : null,
      h('span', { class: 'muted' }, s.model === 'POINTS' ? 'Points: higher wins' : 'Penalties: lower wins'),
      h('span', { class: 'muted' }, s.total + (list === 'teams' ? ' teams' : ' crews')));
    fill(table, list === 'teams' ? teamsTable(s) : crewsTable(raceId, s));
    const page = s.page, pages = Math.max(1, Math.ceil(s.total / s.size));
    const go = (p) => { const next = new URLSearchParams(q); next.set('page', p); location.hash = '#/race/' + esc(raceId) + '?' + next; };
    fill(pager, h('button', { disabled: page <= 0, onclick: () => go(page - 1) }, '← Previous'),
      h('span', {}, 'Page ' + (page + 1) + ' of ' + pages), h('button', { disabled: page + 1 >= pages, onclick: () => go(page + 1) }, 'Next →'));
  };
  const live = async () => {
    render(await json('/api/races/' + esc(raceId) + '/standings?' + q));
    openStream('/api/races/' + esc(raceId) + '/standings/stream?' + q, render);
  };
  await live();
}

/** A moment in the race's own time zone (the legs' local time), to the second. */
function moment(iso, def) {
  try {
    return new Date(iso).toLocaleString('en-GB', { timeZone: def.timeZone || 'UTC', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
  } catch (e) { return iso; }
}

/**
 * A slider over the race's days, from the first leg's morning to now (or the last leg's night): moved, it shows
 * the list as it stood at that moment (?asOf=); at its right end, the live list. {@code onMoment(null)} means live.
 */
function timeSlider(def, onMoment) {
  const dates = (def.legs || []).map(l => l.date).filter(Boolean).sort();
  if (dates.length === 0) return h('div', { hidden: true });
  const start = Date.parse(dates[0] + 'T00:00:00Z');
  const end = Math.min(Date.now(), Date.parse(dates[dates.length - 1] + 'T23:59:00Z'));
  if (!(end > start)) return h('div', { hidden: true });
  const step = 5 * 60 * 1000;
  const max = Math.ceil((end - start) / step);
  const label = h('output', { id: 'moment', for: 'as-of-slider' }, 'Live');
  let timer = null;
  const back = h('button', { id: 'back-to-live', hidden: true, onclick: () => { slider.value = max; changed(); } }, 'Back to live');
  const changed = () => {
    const at = Number(slider.value) >= max ? null : new Date(start + Number(slider.value) * step).toISOString();
    label.textContent = at === null ? 'Live' : moment(at, def);
    back.hidden = at === null;
    clearTimeout(timer);
    timer = setTimeout(() => onMoment(at), 250);
  };
  const slider = h('input', { type: 'range', id: 'as-of-slider', min: 0, max: max, step: 1, value: max, 'aria-label': 'Moment of the race',
    'aria-valuetext': 'Live', oninput: () => { changed(); slider.setAttribute('aria-valuetext', label.textContent); } });
  return h('div', { class: 'controls replay no-print' }, h('label', { for: 'as-of-slider' }, 'Standings at '), slider, label, back);
}

function currentValue(q) {
  const list = q.get('list') || 'overall';
  if (list === 'leg') return 'leg:' + q.get('leg') + (q.get('cumulative') === 'true' ? 'c' : '');
  if (list === 'category') return 'category:' + q.get('category');
  if (list === 'trophy') return 'trophy:' + q.get('trophy');
  return list;
}

function crewsTable(raceId, s) {
  const previous = state.positions;
  state.positions = new Map();
  const rows = s.entries.map((e, i) => {
    const position = s.page * s.size + i;
    state.positions.set(e.car, position);
    const before = previous.get(e.car);
    const moved = before === undefined || previous.size === 0 ? '' : before > position ? 'moved-up' : before < position ? 'moved-down' : '';
    const open = () => { location.hash = '#/race/' + esc(raceId) + '/crew/' + e.car; };
    return h('tr', { 'data-car': e.car, tabindex: 0, class: [moved, 'state-' + e.state].join(' '), onclick: open,
      onkeydown: (ev) => { if (ev.key === 'Enter') open(); } },
      h('td', { class: 'num' }, e.rank === null || e.rank === undefined ? '–' : e.rank),
      h('td', { class: 'num' }, h('a', { href: '#/race/' + esc(raceId) + '/crew/' + e.car, tabindex: -1 }, e.car)),
      h('td', {}, e.crew), h('td', { class: 'hide-narrow' }, (e.carModel || '') + (e.carYear ? ' (' + e.carYear + ')' : '')),
      h('td', { class: 'num hide-narrow' }, fmt(e.coefficient)), h('td', { class: 'num score' }, fmt(e.score)),
      h('td', { class: 'num' }, fmt(e.gapToLeader)), h('td', { class: 'num hide-narrow' }, fmt(e.gapToPrevious)),
      h('td', { class: 'hide-narrow' }, e.trialsScored), h('td', {}, e.state));
  });
  return h('table', { id: 'standings' },
    h('thead', {}, h('tr', {}, h('th', { class: 'num', scope: 'col' }, 'Rank'), h('th', { class: 'num', scope: 'col' }, 'Car'),
      h('th', { scope: 'col' }, 'Crew'), h('th', { class: 'hide-narrow', scope: 'col' }, 'Car and year'),
      h('th', { class: 'num hide-narrow', scope: 'col' }, 'Coeff.'), h('th', { class: 'num', scope: 'col' }, 'Score'),
      h('th', { class: 'num', scope: 'col' }, 'Gap'), h('th', { class: 'num hide-narrow', scope: 'col' }, 'To prev.'),
      h('th', { class: 'hide-narrow', scope: 'col' }, 'Trials'), h('th', { scope: 'col' }, 'State'))),
    h('tbody', {}, rows));
}

function teamsTable(s) {
  return h('table', { id: 'standings' },
    h('thead', {}, h('tr', {}, h('th', { class: 'num' }, 'Rank'), h('th', {}, 'Team'), h('th', { class: 'num' }, 'Score'),
      h('th', {}, 'Cars'), h('th', { class: 'num' }, 'Gap'))),
    h('tbody', {}, s.entries.map(e => h('tr', {}, h('td', { class: 'num' }, e.rank === null || e.rank === undefined ? '–' : e.rank),
      h('td', {}, e.team), h('td', { class: 'num' }, fmt(e.score)), h('td', {}, e.cars.join(', ')), h('td', { class: 'num' }, fmt(e.gapToLeader))))));
}

/** Live updates over SSE; the browser reconnects by itself, and a watchdog says when the data is stale. */
function openStream(url, onData) {
  const source = new EventSource(url);
  state.source = source;
  state.lastMessage = Date.now();
  setConnection('Connecting…');
  source.onopen = () => setConnection('● Live');
  source.onmessage = (event) => {
    state.lastMessage = Date.now();
    setConnection('● Live');
    onData(JSON.parse(event.data));
  };
  source.onerror = () => {
    setConnection('Connection lost at ' + new Date(state.lastMessage).toLocaleTimeString() + ': showing stale data, reconnecting…', true);
    if (source.readyState === EventSource.CLOSED) {
      setTimeout(() => { if (state.source === source) openStream(url, onData); }, 3000);
    }
  };
  state.watchdog = setInterval(() => {
    if (Date.now() - state.lastMessage > 40000 && state.source === source) {
      setConnection('No update since ' + new Date(state.lastMessage).toLocaleTimeString() + ': showing stale data, reconnecting…', true);
      source.close();
      clearInterval(state.watchdog);
      openStream(url, onData);
    }
  }, 5000);
}

// ---- a crew's trial-by-trial breakdown, with every time it was measured from, and its score across the trials
const signed = (n, digits) => n === null || n === undefined ? '' : (n > 0 ? '+' : n < 0 ? '−' : '±') + Math.abs(n).toFixed(digits);
const seconds = (ms) => ms === null || ms === undefined ? '' : (ms / 1000).toFixed(3) + ' s';
const diffCell = (text, value) => h('td', { class: 'num diff ' + (value > 0 ? 'late' : value < 0 ? 'early' : 'exact') }, text);

/** What a trial was measured from, as a crew reads it against its stopwatch; and the signed difference. */
function measured(t) {
  const at = (c) => c ? c.localTime : '—';
  switch (t.type) {
    case 'PC':
      return [h('span', {}, 'start ' + at(t.start) + ' → finish ' + at(t.finish),
        t.elapsedMs !== undefined && t.elapsedMs !== null ? h('br') : null,
        t.elapsedMs !== undefined && t.elapsedMs !== null ? seconds(t.elapsedMs) + ' for ' + seconds(t.targetMs) : null),
        t.deltaCs === undefined || t.deltaCs === null ? h('td', {}) : diffCell(signed(t.deltaCs / 100, 2) + ' s', t.deltaCs)];
    case 'PM':
      return [h('span', {}, 'start ' + at(t.start), (t.detections || []).map(d => [h('br'),
        d.point + ' (' + d.distanceM + ' m): ideal ' + seconds(d.idealMs) + ', actual ' + (d.actualMs === null || d.actualMs === undefined ? '—' : seconds(d.actualMs))
        + (d.deltaCs === null || d.deltaCs === undefined ? '' : ', ' + signed(d.deltaCs / 100, 2) + ' s')])),
        diffCell((t.detections || []).filter(d => d.deltaCs !== null && d.deltaCs !== undefined).map(d => signed(d.deltaCs / 100, 2)).join(' / '), 0)];
    case 'CO':
      return [h('span', {}, 'reference ' + at(t.reference) + (t.dueLocal ? ' · due ' + t.dueLocal.substring(0, 5) : '') + ' · arrived ' + at(t.arrival),
        t.beyondMaxLateness ? [h('br'), h('strong', {}, 'beyond the maximum lateness')] : null),
        t.minutes === undefined || t.minutes === null ? h('td', {}) : diffCell(signed(t.minutes, 0) + ' min', t.minutes)];
    case 'CT':
      return [h('span', {}, t.crossing ? 'crossed ' + at(t.crossing) : t.state === 'PENDING' ? 'not yet' : 'missed'), h('td', {})];
    default:
      return [h('span', {}, (t.rulings || []).map(r => r.reason).join('; ')), h('td', {})];
  }
}

function trialRows(t) {
  const [what, diff] = measured(t);
  const rows = [h('tr', { 'data-trial': t.trial, class: 'state-' + t.state },
    h('th', { scope: 'row' }, t.trial), h('td', { class: 'hide-narrow' }, t.type), h('td', { class: 'hide-narrow' }, t.state), diff,
    h('td', { class: 'num' }, t.penalty === null || t.penalty === undefined ? '' : t.penalty), h('td', { class: 'num' }, fmt(t.points)),
    h('td', { class: 'measured' }, what))];
  const notes = [...(t.ignored || []).map(i => 'Not counted: ' + i.point + ' ' + i.localTime + ' — ' + i.reason),
    ...(t.type === 'STEWARD' ? [] : (t.rulings || []).map(r => 'Ruling ' + r.type + (r.points ? ' ' + r.points : '') + ' by ' + r.by + ': ' + r.reason))];
  if (notes.length) rows.push(h('tr', { class: 'notes' }, h('td', { colspan: 7 }, notes.map((n, i) => [i ? h('br') : null, n]))));
  return rows;
}

async function crewPage(raceId, car) {
  const def = await definition(raceId);
  const load = async () => {
    const r = await json('/api/races/' + esc(raceId) + '/crews/' + esc(car) + '/results');
    document.title = 'Car ' + r.car + ' ' + r.crew;
    let running = 0;
    const series = r.trials.filter(t => t.type !== 'STEWARD').map(t => {
      running += t.points !== null && t.points !== undefined ? Number(t.points) : (t.state === 'PENDING' ? 0 : Number(t.penalty || 0));
      return { trial: t.trial, value: running };
    });
    const legs = [...new Set(r.trials.map(t => t.leg))].sort((a, b) => (a || 99) - (b || 99));
    const legName = (n) => { const l = (def.legs || []).find(x => x.number === n); return n ? 'Leg ' + n + (l && l.name ? ' · ' + l.name : '') : 'Rulings'; };
    fill(app,
      h('p', { class: 'no-print' }, h('a', { href: '#/race/' + esc(raceId) }, '← ' + (def.name || raceId) + ' standings')),
      h('h1', { id: 'crew-title' }, 'Car ' + r.car + ' · ' + r.crew),
      h('div', { class: 'meta' }, h('span', { class: 'badge' }, r.rank ? 'Rank ' + r.rank : r.state), h('span', {}, 'Score ' + fmt(r.score)),
        h('span', { class: 'muted' }, 'Times are official (device time + clock offset), ' + r.timeZone + '; differences in seconds, + late, − early'),
        h('button', { class: 'no-print', onclick: () => window.print() }, 'Print one page per leg')),
      ...legs.map(n => h('section', { class: 'card leg-sheet table-wrap', 'data-leg': n },
        h('h2', {}, legName(n)), h('p', { class: 'print-only' }, (def.name || raceId) + ' · car ' + r.car + ' · ' + r.crew),
        h('table', { class: 'crew-trials', id: n === legs[0] ? 'crew-trials' : null },
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Trial'), h('th', { scope: 'col', class: 'hide-narrow' }, 'Type'),
            h('th', { scope: 'col', class: 'hide-narrow' }, 'State'), h('th', { scope: 'col', class: 'num' }, 'Difference'),
            h('th', { scope: 'col', class: 'num' }, 'Penalty'), h('th', { scope: 'col', class: 'num' }, 'Points'),
            h('th', { scope: 'col' }, 'Measured'))),
          h('tbody', {}, r.trials.filter(t => t.leg === n).map(trialRows))))),
      h('section', { class: 'card no-print chart-card' }, h('h2', {}, 'Score across the trials'), chart(series)));
  };
  await load();
  let first = true; // the stream opens with the list as it is: the page already shows that
  openStream('/api/races/' + esc(raceId) + '/standings/stream?size=1', () => {
    if (first) { first = false; return; }
    load().catch(() => {});
  });
}

// ---- SVG drawing: an element with attributes, and a drawing's root
const ns = (tag, attrs) => { const el = document.createElementNS('http://www.w3.org/2000/svg', tag); for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v); return el; };
const svgRoot = (id, W, H, label) => ns('svg', { id: id, viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'aria-label': label });

function chart(series) {
  const W = 560, H = 220, P = 36;
  const svg = svgRoot('score-chart', W, H, 'Cumulative score after each trial');
  if (series.length === 0) return svg;
  const values = series.map(s => s.value);
  const min = Math.min(0, ...values), max = Math.max(1, ...values);
  const x = (i) => P + (series.length === 1 ? 0 : i * (W - 2 * P) / (series.length - 1));
  const y = (v) => H - P - (v - min) * (H - 2 * P) / (max - min || 1);
  svg.append(ns('line', { x1: P, y1: H - P, x2: W - P, y2: H - P, class: 'axis' }), ns('line', { x1: P, y1: P, x2: P, y2: H - P, class: 'axis' }));
  svg.append(ns('polyline', { class: 'series', points: series.map((s, i) => x(i) + ',' + y(s.value)).join(' ') }));
  const label = (text, px, py, anchor) => { const t = ns('text', { x: px, y: py, 'text-anchor': anchor || 'start' }); t.textContent = text; return t; };
  svg.append(label(fmt(max), 2, P), label(fmt(min), 2, H - P), label(series[0].trial, P, H - 8), label(series[series.length - 1].trial, W - P, H - 8, 'end'));
  return svg;
}

// ---- the leg map, drawn from route-service's GeoJSON: no tile server needed
async function mapPage(raceId, params) {
  const def = await definition(raceId);
  if (def.unavailable) throw new Error('route-service is not reachable for the map');
  const legs = def.legs.map(l => l.number);
  const leg = Number(params.get('leg') || legs[0] || 1);
  const geo = await json((await config()).routeUrl + '/api/races/' + esc(raceId) + '/legs/' + leg + '.geojson');
  const selector = h('select', { id: 'leg-select', 'aria-label': 'Leg', onchange: (e) => { location.hash = '#/race/' + esc(raceId) + '/map?leg=' + e.target.value; } },
    legs.map(n => h('option', { value: n, selected: n === leg }, 'Leg ' + n + ' · ' + (def.legs.find(l => l.number === n).name || ''))));
  document.title = (def.name || raceId) + ' – leg ' + leg + ' map';
  const legDef = def.legs.find(l => l.number === leg) || {};
  const lapLine = legDef.laps > 1 ? h('p', { id: 'lap', class: 'meta' }, await lapNow(raceId, legDef)) : null;
  fill(app, h('h1', {}, (def.name || raceId) + ' · leg ' + leg), h('div', { class: 'controls' }, selector), lapLine,
    h('div', { class: 'card' }, drawMap(geo)));
}

/** On a circuit: "lap 3 of 6", the furthest lap with a trial measured for some crew ("6 laps" before any). */
async function lapNow(raceId, leg) {
  const lapOf = (t) => t.type === 'PC' || t.type === 'PM' ? (t.startLap || 1) : (t.lap || 1);
  const laps = Object.fromEntries((leg.trials || []).map(t => [t.id, lapOf(t)]));
  let summary = [];
  try { summary = await json('/api/races/' + esc(raceId) + '/trials'); } catch (e) { summary = []; }
  const measured = summary.filter(s => s.leg === leg.number && s.measured > 0 && laps[s.trial]).map(s => laps[s.trial]);
  return measured.length ? 'Circuit · lap ' + Math.max(...measured) + ' of ' + leg.laps : 'Circuit · ' + leg.laps + ' laps';
}

function drawMap(geo) {
  const W = 900, H = 560, P = 40;
  const coords = [];
  for (const f of geo.features) {
    if (f.geometry.type === 'Point') coords.push(f.geometry.coordinates);
    else coords.push(...f.geometry.coordinates);
  }
  const svg = svgRoot('leg-map', W, H, 'Map of the leg: the route, its towns and timing points');
  if (coords.length === 0) return svg;
  const lons = coords.map(c => c[0]), lats = coords.map(c => c[1]);
  const minLon = Math.min(...lons), maxLon = Math.max(...lons), minLat = Math.min(...lats), maxLat = Math.max(...lats);
  const k = Math.cos((minLat + maxLat) / 2 * Math.PI / 180); // equirectangular, true to scale near the leg
  const scale = Math.min((W - 2 * P) / ((maxLon - minLon) * k || 1), (H - 2 * P) / ((maxLat - minLat) || 1));
  const px = (c) => [P + (c[0] - minLon) * k * scale, H - P - (c[1] - minLat) * scale];
  for (const f of geo.features.filter(f => f.geometry.type === 'LineString')) {
    svg.append(ns('polyline', { class: 'route', points: f.geometry.coordinates.map(c => px(c).join(',')).join(' ') }));
  }
  for (const f of geo.features.filter(f => f.properties.kind === 'town')) {
    const [x, y] = px(f.geometry.coordinates);
    svg.append(ns('circle', { class: 'town', cx: x, cy: y, r: 5 }));
    const t = ns('text', { x: x + 8, y: y - 6 }); t.textContent = f.properties.name;
    svg.append(t);
  }
  for (const f of geo.features.filter(f => f.properties.kind === 'timingPoint')) {
    const [x, y] = px(f.geometry.coordinates);
    const size = f.properties.lapLine ? 10 : 6;
    const r = ns('rect', { class: f.properties.lapLine ? 'point lap-line' : 'point', x: x - size / 2, y: y - size / 2, width: size, height: size });
    const uses = f.properties.trialLaps ? f.properties.trialLaps.map(u => u.trial + ' (lap ' + u.lap + ')') : (f.properties.trials || []);
    const title = ns('title', {}); title.textContent = f.properties.id + (f.properties.lapLine ? ' · lap line' : '') + (uses.length ? ' · ' + uses.join(', ') : '');
    r.append(title);
    svg.append(r);
    if (f.properties.lapLine) {
      const label = ns('text', { x: x + 8, y: y + 16, class: 'lap-line-label' }); label.textContent = 'lap line';
      svg.append(label);
    }
  }
  return svg;
}

// ---- anomalies for the race direction
async function anomaliesPage(raceId) {
  const def = await definition(raceId);
  const a = await json('/api/races/' + esc(raceId) + '/anomalies?size=500');
  document.title = (def.name || raceId) + ' – anomalies';
  fill(app, h('h1', {}, 'Anomalies · ' + (def.name || raceId)), h('p', { class: 'muted' }, a.total + ' to look at'),
    h('div', { class: 'table-wrap' }, h('table', { id: 'anomalies' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Type'), h('th', { class: 'num' }, 'Car'), h('th', {}, 'Point'), h('th', {}, 'Trial'), h('th', {}, 'Detail'))),
      h('tbody', {}, a.entries.map(e => h('tr', {}, h('td', {}, e.type), h('td', { class: 'num' }, e.car || ''), h('td', {}, e.point || ''),
        h('td', {}, e.trial || ''), h('td', {}, e.detail || '')))))));
}

window.addEventListener('hashchange', route);
route();
