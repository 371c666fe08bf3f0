// Race direction's office: the weeks before the race. The route comes from the organiser's spreadsheet (what a sheet
// read is shown row by row, each problem next to its row, before anything is saved) and its revisions compare trial by
// trial; each timing point's GPS line is office-lines.js, the entry list office-entries.js, the posts' phones office-posts.js. An ES module of the console
// (direction.js gives it the calls, the texts and the dialog); nothing from elsewhere.
import { el, fill, text } from '/shared/page.js';
import { setUpCrewSheets } from './office-crew-sheets.js';
import { setUpEntries } from './office-entries.js';
import { renderLines, setUpLines } from './office-lines.js';
import { setUpPosts } from './office-posts.js';
import { XLSX, byRow, download, readFile, showProblems } from './office-sheets.js';

const $ = id => document.getElementById(id);

/** The console's side: set by {@link setUpOffice}. */
let ctx = null;
const t = () => ctx.t();
const routeSheet = { bytes: null, type: null };
let newRace = false;

// ---- the route

/** The race the Route tab works on: the new one being created, or the one signed in to. */
function targetRace() {
  return newRace ? $('new-id').value.trim() : ctx.raceId();
}

export async function renderRoute() {
  $('new-race-form').hidden = !newRace;
  $('new-race').setAttribute('aria-expanded', String(newRace));
  if (newRace && !$('new-year').value) {
    $('new-year').value = String(new Date().getFullYear());
  }
  $('route-download').hidden = newRace || !ctx.race();
  $('history').hidden = newRace || !ctx.race();
  await renderLines();
}

function templateQuery() {
  const q = new URLSearchParams();
  if (newRace) {
    [['id', 'new-id'], ['name', 'new-name'], ['year', 'new-year'], ['timeZone', 'new-zone']].forEach(([k, id]) => {
      if ($(id).value.trim()) {
        q.set(k, $(id).value.trim());
      }
    });
  }
  const s = q.toString();
  return s ? '?' + s : '';
}

async function previewRoute() {
  const raceId = targetRace();
  routeSheet.bytes = null;
  $('route-save').hidden = true;
  fill($('route-preview'));
  fill($('route-problems'));
  if (!raceId) {
    $('route-summary').textContent = t().needId;
    return;
  }
  const sheet = await readFile($('route-file'));
  if (!sheet) {
    $('route-summary').textContent = '';
    return;
  }
  $('route-summary').textContent = t().reading;
  const path = `/api/races/${encodeURIComponent(raceId)}`;
  const [rows, dry] = await Promise.all([
    ctx.classification('POST', '/api/sheets', sheet).then(x => x.rows).catch(e => ({ error: e })),
    ctx.route('PUT', path + '?dryRun=true', sheet, ifMatch()).catch(e => ({ error: e })),
  ]);
  if (rows.error) {
    $('route-summary').textContent = '';
    showProblems($('route-problems'), [{ message: rows.error.message }]);
    return;
  }
  if (dry.error) {
    const problems = dry.error.errors.length ? dry.error.errors : [{ message: dry.error.message }];
    $('route-summary').textContent = dry.error.status === 412 ? (newRace ? t().exists(raceId) : t().stale) : t().problems(problems.length);
    showProblems($('route-problems'), dry.error.status === 412 ? [] : problems);
    renderRows(rows, byRow(problems));
    return;
  }
  const legs = dry.legs || [];
  $('route-summary').replaceChildren(el('strong', {}, t().raceLine(text(dry.name), text(dry.year), text(dry.timeZone))), ' · ',
    t().wouldSave(dry.revision, legs.length, legs.reduce((n, l) => n + (l.timingPoints || []).length, 0),
      legs.reduce((n, l) => n + (l.trials || []).length, 0)));
  renderRows(rows, new Map());
  routeSheet.bytes = sheet.bytes;
  routeSheet.type = sheet.type;
  $('route-save').hidden = false;
}

/** If-Match for a save: the revision the console loaded, or "0" for a new race (a 412 if that id is taken). */
function ifMatch() {
  return { 'If-Match': newRace ? '"0"' : `"${ctx.race() ? ctx.race().revision : 0}"` };
}

/** What a sheet read, per leg: its rows (number, kind, what they say) with their problems, and the leg on a map. */
function renderRows(rows, problems) {
  const head = rows[0] || [];
  const col = name => head.findIndex(h => String(h).trim() === name);
  const cell = (row, name) => { const i = col(name); return i < 0 ? '' : String(row[i] ?? '').trim(); };
  const groups = new Map([[0, []]]);
  rows.forEach((row, i) => {
    if (i === 0 || row.every(c => !String(c).trim())) {
      return;
    }
    const leg = ['race', 'scoring', 'trophy'].includes(cell(row, 'record')) ? 0 : Number(cell(row, 'leg')) || 0;
    if (!groups.has(leg)) {
      groups.set(leg, []);
    }
    groups.get(leg).push({ number: i + 1, row });
  });
  if (problems.has(1) || problems.has(0)) {
    groups.get(0).unshift(...[0, 1].filter(n => problems.has(n)).map(n => ({ number: n, row: n === 1 ? head : [] })));
  }
  const blocks = [];
  for (const [leg, members] of groups) {
    if (!members.length) {
      continue;
    }
    const legRow = members.find(m => cell(m.row, 'record') === 'leg');
    blocks.push(el('h3', {}, leg === 0 ? t().raceRows : `${t().legN(leg)}${legRow ? ' · ' + cell(legRow.row, 'name') : ''}`));
    if (leg !== 0) {
      blocks.push(legMap(leg, members.map(m => m.row), cell));
    }
    blocks.push(el('table', { class: 'sheet-rows' },
      el('thead', {}, el('tr', {}, el('th', { class: 'num' }, t().row), el('th', {}, t().what), el('th', {}, t().details), el('th', {}, t().problem))),
      el('tbody', {}, members.map(m => {
        const mine = problems.get(m.number) || [];
        return el('tr', { class: mine.length ? 'bad' : '', 'data-row': m.number },
          el('td', { class: 'num' }, m.number), el('td', {}, describeKind(m.row, cell)), el('td', {}, describeRow(m.row, cell)),
          el('td', {}, mine.join(' · ')));
      }))));
  }
  fill($('route-preview'), ...blocks);
}

function describeKind(row, cell) {
  const record = cell(row, 'record');
  const id = cell(row, 'id');
  return record === 'trial' || record === 'point' ? `${record} ${id}` : record === 'detection' ? `${record} (${id})` : record;
}

function describeRow(row, cell) {
  const parts = [];
  const add = (v, suffix = '') => { if (v) parts.push(v + suffix); };
  switch (cell(row, 'record')) {
    case 'race': add(cell(row, 'name')); add(cell(row, 'year')); add(cell(row, 'timeZone'));
      add(cell(row, 'protestMinutes') && t().protestWindow(cell(row, 'protestMinutes'))); add(cell(row, 'clerkOfCourse'));
      add(cell(row, 'chiefTimekeeper')); break;
    case 'scoring': add(cell(row, 'model')); add(cell(row, 'resolution') && t().resolutionIs(cell(row, 'resolution'))); break;
    case 'leg': add(cell(row, 'date')); add([cell(row, 'from'), cell(row, 'to')].filter(Boolean).join(' → ')); add(cell(row, 'distanceKm'), ' km');
      add(cell(row, 'laps') && cell(row, 'laps') !== '1' ? cell(row, 'laps') + ' laps' : ''); break;
    case 'town': add(cell(row, 'name')); add(cell(row, 'km') && `${t().km} ${cell(row, 'km')}`); break;
    case 'point': add(cell(row, 'town')); add(cell(row, 'km') && `${t().km} ${cell(row, 'km')}`); break;
    case 'trial': {
      add(cell(row, 'type'));
      add([cell(row, 'start'), cell(row, 'finish')].filter(Boolean).join(' → ') || cell(row, 'point'));
      const target = Number(String(cell(row, 'targetMs')).replace(',', '.'));
      add(cell(row, 'targetMs') && Number.isFinite(target) ? (target / 1000).toFixed(2) + ' s' : cell(row, 'targetMs'));
      add(cell(row, 'averageKmh'), ' km/h');
      add(cell(row, 'averageKmhByBand') && t().byBand(cell(row, 'averageKmhByBand'), 'km/h'));
      add(cell(row, 'durationMinutes'), ' min');
      add(cell(row, 'durationMinutesByBand') && t().byBand(cell(row, 'durationMinutesByBand'), 'min'));
      break;
    }
    case 'detection': add(cell(row, 'point')); add(cell(row, 'distanceM'), ' m'); break;
    case 'trophy': add(cell(row, 'name')); add(cell(row, 'trials')); break;
    default: break;
  }
  return parts.join(' · ');
}

/** A leg's towns on a small map (north up), its timing points placed along the road by their km. */
function legMap(leg, rows, cell) {
  const num = v => { const n = Number(String(v).replace(',', '.')); return v === '' || !Number.isFinite(n) ? null : n; };
  const towns = rows.filter(r => cell(r, 'record') === 'town')
    .map(r => ({ name: cell(r, 'name'), km: num(cell(r, 'km')), lat: num(cell(r, 'lat')), lon: num(cell(r, 'lon')) }))
    .filter(x => x.lat !== null && x.lon !== null);
  const points = rows.filter(r => cell(r, 'record') === 'point').map(r => ({ id: cell(r, 'id'), km: num(cell(r, 'km')) }));
  if (towns.length < 1) {
    return '';
  }
  const ordered = towns.slice().sort((a, b) => (a.km ?? 0) - (b.km ?? 0));
  const midLat = ordered.reduce((s, x) => s + x.lat, 0) / ordered.length;
  const kx = Math.cos(midLat * Math.PI / 180);
  const xs = ordered.map(x => x.lon * kx);
  const ys = ordered.map(x => -x.lat);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const span = Math.max(maxX - minX, maxY - minY, 0.01);
  const W = 400;
  const sx = v => 10 + (v - minX) / span * (W - 20);
  const sy = v => 10 + (v - minY) / span * (W - 20);
  const at = km => {
    // between the two towns around this km, in proportion
    let i = ordered.findIndex(x => (x.km ?? 0) >= km);
    if (i <= 0) {
      i = i === 0 ? 0 : ordered.length - 1;
      return [sx(ordered[i].lon * kx), sy(-ordered[i].lat)];
    }
    const a = ordered[i - 1];
    const b = ordered[i];
    const f = (b.km - a.km) > 0 ? (km - a.km) / (b.km - a.km) : 0;
    return [sx((a.lon + (b.lon - a.lon) * f) * kx), sy(-(a.lat + (b.lat - a.lat) * f))];
  };
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', `0 0 ${Math.max(60, sx(maxX) + 10)} ${Math.max(60, sy(maxY) + 10)}`);
  svg.setAttribute('class', 'leg-map');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', t().mapOf(leg, towns.length, points.length));
  const add = (tag, attrs, content) => {
    const e = document.createElementNS(ns, tag);
    Object.entries(attrs).forEach(([k, v]) => e.setAttribute(k, v));
    if (content) {
      e.textContent = content;
    }
    svg.append(e);
  };
  add('polyline', { points: ordered.map(x => `${sx(x.lon * kx)},${sy(-x.lat)}`).join(' '), class: 'road' });
  ordered.forEach((x, i) => {
    add('circle', { cx: sx(x.lon * kx), cy: sy(-x.lat), r: 4, class: 'town' });
    if (i === 0 || i === ordered.length - 1) {
      const right = sx(x.lon * kx) > W / 2;
      add('text', { x: sx(x.lon * kx) + (right ? -7 : 7), y: sy(-x.lat) + 4, class: 'label', 'text-anchor': right ? 'end' : 'start' }, x.name);
    }
  });
  points.filter(p => p.km !== null).forEach(p => {
    const [x, y] = at(p.km);
    add('circle', { cx: x, cy: y, r: 2.5, class: 'post' });
  });
  return svg;
}

async function saveRoute() {
  const raceId = targetRace();
  if (!routeSheet.bytes) {
    return;
  }
  try {
    const saved = await ctx.route('PUT', `/api/races/${encodeURIComponent(raceId)}`, routeSheet, ifMatch());
    ctx.say(t().saved(saved.revision));
    $('route-save').hidden = true;
    routeSheet.bytes = null;
    $('route-file').value = '';
    $('route-summary').textContent = '';
    fill($('route-preview'));
    if (newRace) {
      newRace = false;
      await ctx.switchRace(raceId);
    } else {
      await ctx.reload();
    }
  } catch (e) {
    if (e.status === 412) {
      ctx.say(newRace ? t().exists(raceId) : t().stale);
    } else {
      showProblems($('route-problems'), e.errors.length ? e.errors : [{ message: e.message }]);
      ctx.say(e.message);
    }
  }
}

// ---- history

async function showHistory() {
  const view = $('history-view');
  view.hidden = !view.hidden;
  if (view.hidden) {
    return;
  }
  const history = await ctx.route('GET', `/api/races/${encodeURIComponent(ctx.raceId())}/history`);
  const options = history.map(h => el('option', { value: h.revision }, `r${h.revision} · ${ctx.when(h.at)} · ${h.by} · ${h.what}`));
  fill($('history-from'), ...options.map(o => o.cloneNode(true)));
  fill($('history-to'), ...options);
  if (history.length) {
    $('history-to').value = String(history[history.length - 1].revision);
    $('history-from').value = String(history[Math.max(0, history.length - 2)].revision);
  }
  fill($('history-result'));
}

async function compare() {
  const c = await ctx.route('GET', `/api/races/${encodeURIComponent(ctx.raceId())}/history/compare?from=${$('history-from').value}&to=${$('history-to').value}`);
  if (!c.trials.length) {
    fill($('history-result'), el('p', {}, t().noDifference));
    return;
  }
  const value = (field, v) => v === null || v === undefined ? '—'
    : field === 'targetMs' ? (v / 1000).toFixed(2) + ' s' : field === 'averageKmh' ? v + ' km/h' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  fill($('history-result'), el('table', {},
    el('thead', {}, el('tr', {}, el('th', {}, t().trial), el('th', {}, t().leg), el('th', {}, t().change), el('th', {}, t().details))),
    el('tbody', {}, c.trials.map(d => el('tr', { 'data-trial': d.trial, 'data-change': d.change },
      el('td', {}, d.trial), el('td', {}, d.leg), el('td', {}, t()[d.change.toLowerCase()]),
      el('td', {}, d.fields.map(f => `${f.field}: ${value(f.field, f.before)} → ${value(f.field, f.after)}`).join('; ')))))));
}

// ---- wiring

/** Opens the Route tab's New race (signed in without a race: the first race of an organiser). */
export function startNewRace() {
  newRace = true;
}

/** Wires the office's controls; {@code console} gives the calls, texts and helpers of direction.js. */
export function setUpOffice(console) {
  ctx = console;
  $('new-race').addEventListener('click', () => {
    newRace = !newRace;
    renderRoute();
    if (newRace) {
      $('new-id').focus();
    }
  });
  $('template-download').addEventListener('click', () => download(ctx.routeUrl(), '/api/templates/race' + templateQuery(), XLSX,
    `${(newRace && $('new-id').value.trim()) || 'race'}-route.xlsx`, ctx.token()).catch(e => ctx.say(e.message)));
  $('route-download').addEventListener('click', () => download(ctx.routeUrl(), `/api/races/${encodeURIComponent(ctx.raceId())}`, XLSX,
    `${ctx.raceId()}-route.xlsx`, ctx.token()).catch(e => ctx.say(e.message)));
  $('route-file').addEventListener('change', () => previewRoute().catch(e => ctx.say(e.message)));
  $('route-save').addEventListener('click', () => saveRoute());
  $('history').addEventListener('click', () => showHistory().catch(e => ctx.say(e.message)));
  $('history-compare').addEventListener('click', () => compare().catch(e => ctx.say(e.message)));
  setUpEntries(console);
  setUpCrewSheets(console);
  setUpPosts(console);
  setUpLines(console);
}
