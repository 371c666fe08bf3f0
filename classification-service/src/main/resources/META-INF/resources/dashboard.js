// The live race dashboard: races, standings (live over SSE), crew pages, the leg map with every car, anomalies, the
// season's championships (dashboard-season.js) and the big screen (the widget organisers embed is widget.html, a page of its own); in Italian and English. An ES module in the project's one page style
// (shared/page.js); no network beyond this service and route-service's and championship-service's public reads.
import { el as h, fill, text } from '/shared/page.js';
import { closeStream, definition, esc, fmt, href, json, lang, moment, ns, openStream, parseHash, setConnection, state, statusWords, svgRoot, t } from './dashboard-core.js';
import { mapPage } from './dashboard-map.js';
import { screenPage } from './dashboard-screen.js';
import { championshipPage, championshipsSection, personPage } from './dashboard-season.js';

const app = document.getElementById('app');

function header(raceId, current) {
  document.documentElement.lang = lang();
  const brand = document.querySelector('.brand');
  brand.textContent = t().brand;
  brand.setAttribute('aria-label', t().allRaces);
  brand.setAttribute('href', href('/'));
  const nav = document.getElementById('race-nav');
  nav.setAttribute('aria-label', t().raceViews);
  nav.hidden = !raceId;
  const toggle = document.getElementById('lang');
  toggle.textContent = lang() === 'it' ? 'EN' : 'IT';
  toggle.setAttribute('aria-label', t().langSwitch);
  for (const name of ['standings', 'map', 'anomalies']) {
    document.getElementById('nav-' + name).textContent = t()[name]; // in the page's language, shown or not
  }
  if (!raceId) {
    return;
  }
  const links = { standings: '/race/' + esc(raceId), map: '/race/' + esc(raceId) + '/map', anomalies: '/race/' + esc(raceId) + '/anomalies' };
  for (const [name, path] of Object.entries(links)) {
    const a = document.getElementById('nav-' + name);
    a.href = href(path);
    if (name === current) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
}

async function route() {
  closeStream();
  state.turn = (state.turn || 0) + 1; // a view still loading when the address changes leaves the page to the next one
  const { parts, params } = parseHash();
  const raceId = parts[0] === 'race' ? parts[1] : null;
  const championship = parts[0] === 'championship' && parts[1] ? parts[1] : null;
  const view = championship ? (parts[2] === 'person' && parts[3] ? 'person' : 'championship')
    : !raceId ? 'races' : parts[2] === 'crew' && parts[3] ? 'crew' : parts[2] || (params.get('screen') === '1' ? 'screen' : 'standings');
  document.body.classList.toggle('screen', params.get('screen') === '1' && (view === 'screen' || view === 'championship'));
  header(raceId, view === 'crew' || view === 'screen' ? 'standings' : view);
  try {
    switch (view) {
      case 'races': return await racesPage();
      case 'championship': return await championshipPage(app, championship, params);
      case 'person': return await personPage(app, championship, parts[3], params);
      case 'crew': return await crewPage(raceId, parts[3]);
      case 'map': return await mapPage(app, raceId, params);
      case 'anomalies': return await anomaliesPage(raceId);
      case 'screen': return await screenPage(app, raceId, params);
      default: return await standingsPage(raceId, params);
    }
  } catch (e) {
    fill(app, h('p', { class: 'error', role: 'alert' }, t().couldNotLoad(e.message)));
  }
}

// ---- the race picker
async function racesPage() {
  document.title = t().racesTitle;
  const turn = state.turn;
  const races = await json('/api/races');
  const season = h('div', { id: 'season-slot' }); // the championships, from championship-service: the races never wait for them
  fill(app, h('h1', {}, t().races),
    races.length === 0 ? h('p', { class: 'muted' }, t().noRace) :
      h('ul', { class: 'races' }, races.map(r => h('li', {}, h('a', { href: href('/race/' + esc(r.id)), 'data-race': r.id },
        h('strong', {}, r.name || r.id), h('br'), h('span', { class: 'muted' }, t().raceLine(r.year, r.legs, r.model)))))),
    season);
  championshipsSection().then(section => { if (turn === state.turn) season.replaceWith(section); });
  app.focus();
}

// ---- the standings, live
export function listQuery(params) {
  const q = new URLSearchParams();
  for (const key of ['list', 'leg', 'cumulative', 'category', 'trophy', 'page', 'size']) {
    if (params.get(key)) q.set(key, params.get(key));
  }
  if (!q.get('size')) q.set('size', '100');
  return q;
}

function currentValue(q) {
  const list = q.get('list') || 'overall';
  if (list === 'leg') return 'leg:' + q.get('leg') + (q.get('cumulative') === 'true' ? 'c' : '');
  if (list === 'category') return 'category:' + q.get('category');
  if (list === 'trophy') return 'trophy:' + q.get('trophy');
  return list;
}

/** The lists of a race, as options: overall, each leg alone and up to it, the ladies, categories, trophies, teams. */
function listSelector(raceId, def, categories, q) {
  const selector = h('select', { id: 'list-select', 'aria-label': t().whichList, onchange: e => {
    const [l, extra] = e.target.value.split(':');
    const next = { list: l };
    if (l === 'leg') { next.leg = extra.replace('c', ''); next.cumulative = String(extra.endsWith('c')); }
    if (l === 'category') next.category = extra;
    if (l === 'trophy') next.trophy = extra;
    location.hash = href('/race/' + esc(raceId), next);
  } });
  const option = (value, label) => h('option', { value, selected: value === currentValue(q) }, label);
  selector.append(option('overall', t().overall));
  for (const leg of def.legs || []) {
    selector.append(option('leg:' + leg.number, t().legAlone(leg.number)), option('leg:' + leg.number + 'c', t().upToLeg(leg.number)));
  }
  selector.append(option('ladies', t().ladies));
  for (const c of categories) selector.append(option('category:' + c, t().category(c)));
  for (const trophy of def.trophies || []) selector.append(option('trophy:' + trophy.name, trophy.name));
  selector.append(option('teams', t().teams));
  return selector;
}

/** The iframe snippet for the organiser's website: the widget of this list, in this language. */
function embed(raceId, def, q) {
  const params = { size: '10' };
  for (const key of ['list', 'leg', 'cumulative', 'category', 'trophy']) {
    if (q.get(key)) params[key] = q.get(key);
  }
  params.lang = lang();
  const src = location.origin + '/widget.html#/race/' + esc(raceId) + '?' + new URLSearchParams(params);
  const code = `<iframe src="${src}" title="${t().widgetTitle(def.name || raceId).replace(/"/g, '&quot;')}" width="360" height="520" style="border:0" loading="lazy"></iframe>`;
  const area = h('textarea', { id: 'embed-code', readonly: true, rows: 4 }, code);
  const copied = h('span', { class: 'muted', role: 'status' });
  return h('details', { class: 'embed no-print' }, h('summary', {}, t().embed), h('p', { class: 'muted' }, t().embedHint),
    h('label', { for: 'embed-code' }, t().embedCode), area,
    h('button', { type: 'button', onclick: async () => {
      area.select();
      try { await navigator.clipboard.writeText(code); } catch (e) { document.execCommand('copy'); }
      copied.textContent = t().copied;
    } }, t().copy), ' ', copied);
}

async function standingsPage(raceId, params) {
  const def = await definition(raceId);
  const crews = await json('/api/races/' + esc(raceId) + '/crews');
  const categories = [...new Set(crews.map(c => c.category).filter(Boolean))].sort();
  const q = listQuery(params);
  const list = q.get('list') || 'overall';
  const head = h('div', { class: 'meta' });
  const table = h('div', { class: 'table-wrap' });
  const pager = h('div', { class: 'pager no-print' });
  let render = null;
  const replay = timeSlider(def, asOf => {
    if (asOf === null) { live(); return; }
    closeStream();
    setConnection(t().replaying);
    json('/api/races/' + esc(raceId) + '/standings?' + q + '&asOf=' + esc(asOf)).then(render).catch(e => setConnection(t().couldNotReplay(e.message), true));
  });
  fill(app, h('h1', { id: 'race-title' }, def.name || raceId), head,
    h('div', { class: 'controls' }, h('label', { for: 'list-select' }, t().list), listSelector(raceId, def, categories, q),
      h('button', { type: 'button', onclick: () => window.print(), class: 'no-print' }, t().print)), replay, table, pager, embed(raceId, def, q));
  document.getElementById('print-footer').textContent = (def.name || raceId) + ' — ' + new Date().toLocaleString(t().locale);
  state.positions = new Map();

  render = s => {
    document.title = (def.name || raceId) + ' – ' + (s.asOfTrial ? t().updatedTo(s.asOfTrial) : t().standings);
    fill(head,
      h('span', { class: 'badge ' + (s.status === 'FINAL' ? 'final' : 'provisional'), id: 'status' }, statusWords(s, def)),
      h('span', { id: 'as-of' }, s.asOfTrial ? t().updatedTo(s.asOfTrial) : t().noTrialYet),
      s.asOf ? h('span', { class: 'badge replay', id: 'replay-badge' }, t().asOf(moment(s.asOf, def))) : null,
      h('span', { class: 'muted' }, s.model === 'POINTS' ? t().pointsHigher : t().penaltiesLower),
      h('span', { class: 'muted' }, list === 'teams' ? t().teamsN(s.total) : t().crewsN(s.total)));
    fill(table, list === 'teams' ? teamsTable(s) : crewsTable(raceId, s));
    const page = s.page;
    const pages = Math.max(1, Math.ceil(s.total / s.size));
    const go = p => { const next = Object.fromEntries(q); next.page = p; location.hash = href('/race/' + esc(raceId), next); };
    fill(pager, h('button', { type: 'button', disabled: page <= 0, onclick: () => go(page - 1) }, t().previous),
      h('span', {}, t().pageOf(page + 1, pages)), h('button', { type: 'button', disabled: page + 1 >= pages, onclick: () => go(page + 1) }, t().next));
  };
  const live = async () => {
    render(await json('/api/races/' + esc(raceId) + '/standings?' + q));
    openStream('/api/races/' + esc(raceId) + '/standings/stream?' + q, render);
  };
  await live();
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
  const label = h('output', { id: 'moment', for: 'as-of-slider' }, t().live);
  let timer = null;
  let slider = null;
  const back = h('button', { type: 'button', id: 'back-to-live', hidden: true, onclick: () => { slider.value = max; changed(); } }, t().backToLive);
  const changed = () => {
    const at = Number(slider.value) >= max ? null : new Date(start + Number(slider.value) * step).toISOString();
    label.textContent = at === null ? t().live : moment(at, def);
    back.hidden = at === null;
    slider.setAttribute('aria-valuetext', label.textContent);
    clearTimeout(timer);
    timer = setTimeout(() => onMoment(at), 250);
  };
  slider = h('input', { type: 'range', id: 'as-of-slider', min: 0, max: max, step: 1, value: max, 'aria-label': t().momentOfRace,
    'aria-valuetext': t().live, oninput: changed });
  return h('div', { class: 'controls replay no-print' }, h('label', { for: 'as-of-slider' }, t().standingsAt), slider, label, back);
}

function crewsTable(raceId, s) {
  const previous = state.positions;
  state.positions = new Map();
  const rows = s.entries.map((e, i) => {
    const position = s.page * s.size + i;
    state.positions.set(e.car, position);
    const before = previous.get(e.car);
    const moved = before === undefined || previous.size === 0 ? '' : before > position ? 'moved-up' : before < position ? 'moved-down' : '';
    const open = () => { location.hash = href('/race/' + esc(raceId) + '/crew/' + e.car); };
    return h('tr', { 'data-car': e.car, tabindex: 0, class: [moved, 'state-' + e.state].join(' '), onclick: open,
      onkeydown: ev => { if (ev.key === 'Enter') open(); } },
      h('td', { class: 'num' }, e.rank === null || e.rank === undefined ? '–' : e.rank),
      h('td', { class: 'num' }, h('a', { href: href('/race/' + esc(raceId) + '/crew/' + e.car), tabindex: -1 }, e.car)),
      h('td', { class: 'crew' }, text(e.crew)), h('td', { class: 'hide-narrow' }, [e.carModel, e.carYear ? '(' + e.carYear + ')' : ''].filter(Boolean).join(' ')),
      h('td', { class: 'num hide-narrow' }, fmt(e.coefficient)), h('td', { class: 'num score' }, fmt(e.score)),
      h('td', { class: 'num' }, fmt(e.gapToLeader)), h('td', { class: 'num hide-narrow' }, fmt(e.gapToPrevious)),
      h('td', { class: 'hide-narrow' }, text(e.trialsScored)), h('td', { class: 'hide-narrow' }, t().states[e.state] || text(e.state)));
  });
  return h('table', { id: 'standings' },
    h('thead', {}, h('tr', {}, h('th', { class: 'num', scope: 'col' }, t().rank), h('th', { class: 'num', scope: 'col' }, t().car),
      h('th', { scope: 'col' }, t().crew), h('th', { class: 'hide-narrow', scope: 'col' }, t().carYear),
      h('th', { class: 'num hide-narrow', scope: 'col' }, t().coeff), h('th', { class: 'num', scope: 'col' }, t().score),
      h('th', { class: 'num', scope: 'col' }, t().gap), h('th', { class: 'num hide-narrow', scope: 'col' }, t().toPrev),
      h('th', { class: 'hide-narrow', scope: 'col' }, t().trials), h('th', { class: 'hide-narrow', scope: 'col' }, t().state))),
    h('tbody', {}, rows));
}

function teamsTable(s) {
  return h('table', { id: 'standings' },
    h('thead', {}, h('tr', {}, h('th', { class: 'num', scope: 'col' }, t().rank), h('th', { scope: 'col' }, t().team),
      h('th', { class: 'num', scope: 'col' }, t().score), h('th', { class: 'hide-narrow', scope: 'col' }, t().cars),
      h('th', { class: 'num', scope: 'col' }, t().gap))),
    h('tbody', {}, s.entries.map(e => h('tr', {}, h('td', { class: 'num' }, e.rank === null || e.rank === undefined ? '–' : e.rank),
      h('td', {}, text(e.team)), h('td', { class: 'num' }, fmt(e.score)), h('td', { class: 'hide-narrow' }, (e.cars || []).join(', ')),
      h('td', { class: 'num' }, fmt(e.gapToLeader))))));
}

// ---- a crew's trial-by-trial breakdown, with every time it was measured from, and its score across the trials
const decimals = (n, digits) => Number(n).toLocaleString(t().locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
const signed = (n, digits) => n === null || n === undefined ? '' : (n > 0 ? '+' : n < 0 ? '−' : '±') + decimals(Math.abs(n), digits);
const seconds = ms => ms === null || ms === undefined ? '' : decimals(ms / 1000, 3) + ' s';
/** A PC's decimals by the race's resolution (rules.md, Resolution): a tenth, a second; at the hundredth, the ms it is cut from. */
const RESOLUTION_DIGITS = { TENTH: 1, SECOND: 0 };
/** A PC's time as the race scores it: truncated to the race's resolution (the ms as they are at the hundredth). */
const pcTime = (ms, resolution) => {
  const digits = RESOLUTION_DIGITS[resolution];
  if (digits === undefined || ms === null || ms === undefined) return seconds(ms);
  const unit = 10 ** (3 - digits);
  return decimals(Math.floor(ms / unit) * unit / 1000, digits) + ' s';
};
const diffCell = (value, shown) => h('td', { class: 'num diff ' + (value > 0 ? 'late' : value < 0 ? 'early' : 'exact') }, shown);

/** What a trial was measured from, as a crew reads it against its stopwatch; and the signed difference. */
function measured(trial, resolution) {
  const has = v => v !== undefined && v !== null;
  const at = c => (c ? c.localTime + (has(c.lap) ? ` (${t().onLap(c.lap)})` : '') : '—'); // on a circuit, the lap it counted for
  switch (trial.type) {
    case 'PC':
      return [h('span', {}, `${t().start} ${at(trial.start)} → ${t().finish} ${at(trial.finish)}`,
        has(trial.elapsedMs) ? [h('br'), `${pcTime(trial.elapsedMs, resolution)} ${t().forTarget} ${pcTime(trial.targetMs, resolution)}`] : null),
        has(trial.deltaCs) ? diffCell(trial.deltaCs, signed(trial.deltaCs / 100, RESOLUTION_DIGITS[resolution] ?? 2) + ' s') : h('td', {})];
    case 'PM':
      return [h('span', {}, `${t().start} ${at(trial.start)}`, (trial.detections || []).map(d => [h('br'),
        `${d.point} (${d.distanceM} m): ${t().ideal} ${seconds(d.idealMs)}, ${t().actual} ${has(d.actualMs) ? seconds(d.actualMs) : '—'}`
        + (has(d.deltaCs) ? ', ' + signed(d.deltaCs / 100, 2) + ' s' : '')])),
        diffCell(0, (trial.detections || []).filter(d => has(d.deltaCs)).map(d => signed(d.deltaCs / 100, 2)).join(' / '))];
    case 'CO':
      return [h('span', {}, `${t().reference} ${at(trial.reference)}${trial.dueLocal ? ' · ' + t().due + ' ' + trial.dueLocal.substring(0, 5) : ''} · ${t().arrived} ${at(trial.arrival)}`,
        trial.beyondMaxLateness ? [h('br'), h('strong', {}, t().beyondMax)] : null),
        has(trial.minutes) ? diffCell(trial.minutes, signed(trial.minutes, 0) + ' min') : h('td', {})];
    case 'CT':
      return [h('span', {}, trial.crossing ? `${t().crossed} ${at(trial.crossing)}` : trial.state === 'PENDING' ? t().notYet : t().missed), h('td', {})];
    default:
      return [h('span', {}, (trial.rulings || []).map(r => r.reason).join('; ')), h('td', {})];
  }
}

/** The GPS crossings a trial used, each with its evidence in words (the fixes either side, the fraction, the time). */
function gpsEvidence(trial) {
  const crossings = [trial.start, trial.finish, trial.reference, trial.arrival, trial.crossing, ...(trial.detections || []).map(d => d.passage)];
  return crossings.filter(c => c && c.evidence && c.evidence.words).map(c => `${c.point}: ${c.evidence.words}`);
}

function trialRows(trial, resolution) {
  const [what, diff] = measured(trial, resolution);
  const rows = [h('tr', { 'data-trial': trial.trial, class: 'state-' + trial.state },
    h('th', { scope: 'row' }, trial.trial), h('td', { class: 'hide-narrow' }, h('abbr', { title: t().types[trial.type] || trial.type }, trial.type)),
    h('td', { class: 'hide-narrow' }, t().trialStates[trial.state] || text(trial.state)), diff,
    h('td', { class: 'num' }, text(trial.penalty)), h('td', { class: 'num' }, fmt(trial.points)),
    h('td', { class: 'measured' }, what))];
  const notes = [...gpsEvidence(trial),
    ...(trial.ignored || []).map(i => `${t().notCounted}: ${i.point} ${i.localTime}${i.lap ? ` (${t().onLap(i.lap)})` : ''} — ${i.words || i.reason}`
      + (i.evidence && i.evidence.words ? ` · ${i.evidence.words}` : '')),
    ...(trial.type === 'STEWARD' ? [] : (trial.rulings || []).map(r => t().ruling(r.type, r.points, r.by, r.reason)))];
  if (notes.length) rows.push(h('tr', { class: 'notes' }, h('td', { colspan: 7 }, notes.map((n, i) => [i ? h('br') : null, n]))));
  return rows;
}

async function crewPage(raceId, car) {
  const def = await definition(raceId);
  const load = async () => {
    const r = await json('/api/races/' + esc(raceId) + '/crews/' + esc(car) + '/results?lang=' + lang());
    document.title = t().carCrew(r.car, r.crew);
    let running = 0;
    const series = r.trials.filter(x => x.type !== 'STEWARD').map(x => {
      running += x.points !== null && x.points !== undefined ? Number(x.points) : (x.state === 'PENDING' ? 0 : Number(x.penalty || 0));
      return { trial: x.trial, value: running };
    });
    const legs = [...new Set(r.trials.map(x => x.leg))].sort((a, b) => (a || 99) - (b || 99));
    const legName = n => { const l = (def.legs || []).find(x => x.number === n); return n ? t().legN(n) + (l && l.name ? ' · ' + l.name : '') : t().rulings; };
    fill(app,
      h('p', { class: 'no-print' }, h('a', { href: href('/race/' + esc(raceId)) }, t().backTo(def.name || raceId))),
      h('h1', { id: 'crew-title' }, t().carCrew(r.car, r.crew)),
      h('div', { class: 'meta' }, h('span', { class: 'badge' }, r.rank ? t().rankN(r.rank) : t().states[r.state] || text(r.state)),
        h('span', {}, t().scoreN(fmt(r.score))), h('span', { class: 'muted' }, t().timesNote(r.timeZone)),
        h('button', { type: 'button', class: 'no-print', onclick: () => window.print() }, t().printLegs)),
      ...legs.map(n => h('section', { class: 'card leg-sheet table-wrap', 'data-leg': n },
        h('h2', {}, legName(n)), h('p', { class: 'print-only' }, `${def.name || raceId} · ${t().carCrew(r.car, r.crew)}`),
        h('table', { class: 'crew-trials', id: n === legs[0] ? 'crew-trials' : null },
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t().trial), h('th', { scope: 'col', class: 'hide-narrow' }, t().type),
            h('th', { scope: 'col', class: 'hide-narrow' }, t().state), h('th', { scope: 'col', class: 'num' }, t().difference),
            h('th', { scope: 'col', class: 'num' }, t().penalty), h('th', { scope: 'col', class: 'num' }, t().points),
            h('th', { scope: 'col' }, t().measured))),
          h('tbody', {}, r.trials.filter(x => x.leg === n).map(x => trialRows(x, r.resolution)))))),
      h('section', { class: 'card no-print chart-card' }, h('h2', {}, t().scoreAcross), chart(series)));
  };
  await load();
  let first = true; // the stream opens with the list as it is: the page already shows that
  openStream('/api/races/' + esc(raceId) + '/standings/stream?size=1', () => {
    if (first) { first = false; return; }
    load().catch(() => {});
  });
}

function chart(series) {
  const W = 560, H = 220, P = 36;
  const svg = svgRoot('score-chart', W, H, t().chartLabel);
  if (series.length === 0) return svg;
  const values = series.map(s => s.value);
  const min = Math.min(0, ...values), max = Math.max(1, ...values);
  const x = i => P + (series.length === 1 ? 0 : i * (W - 2 * P) / (series.length - 1));
  const y = v => H - P - (v - min) * (H - 2 * P) / (max - min || 1);
  svg.append(ns('line', { x1: P, y1: H - P, x2: W - P, y2: H - P, class: 'axis' }), ns('line', { x1: P, y1: P, x2: P, y2: H - P, class: 'axis' }));
  svg.append(ns('polyline', { class: 'series', points: series.map((s, i) => x(i) + ',' + y(s.value)).join(' ') }));
  const label = (content, px, py, anchor) => { const e = ns('text', { x: px, y: py, 'text-anchor': anchor || 'start' }); e.textContent = content; return e; };
  svg.append(label(fmt(max), 2, P), label(fmt(min), 2, H - P), label(series[0].trial, P, H - 8), label(series[series.length - 1].trial, W - P, H - 8, 'end'));
  return svg;
}

// ---- anomalies for the race direction
async function anomaliesPage(raceId) {
  const def = await definition(raceId);
  const a = await json('/api/races/' + esc(raceId) + '/anomalies?size=500&lang=' + lang());
  document.title = t().anomaliesTitle(def.name || raceId);
  fill(app, h('h1', {}, t().anomaliesTitle(def.name || raceId)), h('p', { class: 'muted' }, t().toLookAt(a.total)),
    h('div', { class: 'table-wrap' }, h('table', { id: 'anomalies' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t().type), h('th', { class: 'num', scope: 'col' }, t().car),
        h('th', { scope: 'col' }, t().point), h('th', { scope: 'col' }, t().trial), h('th', { scope: 'col' }, t().detail))),
      h('tbody', {}, a.entries.map(e => h('tr', { 'data-type': e.type }, h('td', {}, t().anomalyTypes[e.type] || e.type),
        h('td', { class: 'num' }, text(e.car)), h('td', {}, text(e.point)), h('td', {}, text(e.trial)),
        h('td', { class: 'detail' }, text(e.words || e.detail))))))));
}

document.getElementById('lang').addEventListener('click', () => {
  const { parts, params } = parseHash();
  params.set('lang', lang() === 'it' ? 'en' : 'it');
  location.hash = '#/' + parts.map(esc).join('/') + '?' + params;
});
window.addEventListener('hashchange', route);
route();
