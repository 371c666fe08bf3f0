// The big screen at the finish and in the press room (#/race/{id}?screen=1): large type, the list ten crews at a
// time, paging by itself, and the best crews of the last PC or PM; no controls. And the widget for the organiser's
// website (widget.html#/race/{id}): the top of a list, live over the compact stream (only the ranks that moved).
import { el as h, fill, text } from '/shared/page.js';
import { definition, esc, every, fmt, json, openStream, statusWords, t } from './dashboard-core.js';

const PER_PAGE = 10;

function query(params, size) {
  const q = new URLSearchParams();
  for (const key of ['list', 'leg', 'cumulative', 'category', 'trophy']) {
    if (params.get(key)) q.set(key, params.get(key));
  }
  q.set('size', String(size));
  return q;
}

const rank = e => (e.rank === null || e.rank === undefined ? '–' : e.rank);

function rowsOf(entries, gap) {
  return entries.map(e => h('tr', { 'data-car': e.car ?? null, class: 'state-' + (e.state || '') },
    h('td', { class: 'num' }, rank(e)), h('td', { class: 'num' }, text(e.car ?? '')), h('td', { class: 'crew' }, text(e.crew ?? e.team)),
    h('td', { class: 'num score' }, fmt(e.score)), gap ? h('td', { class: 'num' }, fmt(e.gapToLeader)) : null));
}

/** The rows as a table: rank, car, crew, score, and the gap on the big screen (the widget leaves it to the full list). */
function table(id, entries, gap) {
  return h('table', { id, class: gap ? 'big' : null },
    h('thead', {}, h('tr', {}, h('th', { class: 'num', scope: 'col' }, t().rank), h('th', { class: 'num', scope: 'col' }, t().car),
      h('th', { scope: 'col' }, t().crew), h('th', { class: 'num', scope: 'col' }, t().score),
      gap ? h('th', { class: 'num', scope: 'col' }, t().gap) : null)),
    h('tbody', {}, rowsOf(entries, gap)));
}

/**
 * The trial whose best crews the screen shows: the last PC or PM up to the list's last trial, in the definition's order
 * (the order the server's asOfTrial follows). After a CO or a CT every crew on time scores 0, which says nothing of
 * who was best.
 */
export function lastTimedTrial(def, trial) {
  const trials = (def.legs || []).flatMap(leg => leg.trials || []);
  const at = trials.findIndex(x => x.id === trial);
  if (at < 0) return trial;
  for (let i = at; i >= 0; i--) {
    if (trials[i].type === 'PC' || trials[i].type === 'PM') return trials[i].id;
  }
  return null;
}

export async function screenPage(app, raceId, params) {
  const def = await definition(raceId);
  const seconds = Math.max(1, Number(params.get('every')) || 8);
  const title = h('h1', { id: 'race-title' }, def.name || raceId);
  const head = h('p', { class: 'meta' });
  const list = h('div', { id: 'screen-list', 'data-page': '0' });
  const best = h('aside', { id: 'screen-best' });
  fill(app, h('div', { class: 'screen-view' }, title, head, h('div', { class: 'screen-grid' }, list, best)));
  document.title = (def.name || raceId) + ' – ' + t().standings;
  let current = null;
  let page = 0;
  let bestFor = null;
  let bestAt = 0;
  const render = () => {
    if (!current) return;
    const pages = Math.max(1, Math.ceil(current.entries.length / PER_PAGE));
    page %= pages;
    list.setAttribute('data-page', String(page));
    fill(list, table('screen-standings', current.entries.slice(page * PER_PAGE, (page + 1) * PER_PAGE), true),
      h('p', { class: 'muted', id: 'screen-page' }, t().screenPage(page + 1, pages)));
  };
  const showBest = async trial => {
    // a new trial at once; the same one again every 10 s, as more crews finish it
    if (!trial || (trial === bestFor && Date.now() - bestAt < 10_000)) return;
    bestFor = trial;
    bestAt = Date.now();
    try {
      const r = await json('/api/races/' + esc(raceId) + '/trials/' + esc(trial) + '/results');
      const top = r.entries.filter(e => e.state === 'MEASURED').slice(0, 5);
      fill(best, h('h2', {}, t().bestOn(trial)), h('ol', { class: 'best' }, top.map(e =>
        h('li', { 'data-car': e.car }, h('strong', {}, '#' + e.car), ' ', text(e.crew), ' · ', e.points !== null && e.points !== undefined ? fmt(e.points) : text(e.penalty)))));
    } catch (e) {
      fill(best);
    }
  };
  openStream('/api/races/' + esc(raceId) + '/standings/stream?' + query(params, 500), s => {
    current = s;
    fill(head, h('span', { class: 'badge ' + (s.status === 'FINAL' ? 'final' : 'provisional') }, statusWords(s, def)),
      ' ', s.asOfTrial ? t().updatedTo(s.asOfTrial) : t().noTrialYet);
    render();
    showBest(lastTimedTrial(def, s.asOfTrial));
  });
  every(seconds * 1000, () => { page += 1; render(); });
}

export async function widgetPage(app, raceId, params) {
  const def = await definition(raceId);
  const size = Math.min(50, Math.max(1, Number(params.get('size')) || 10));
  const head = h('p', { class: 'meta' });
  const body = h('div', { id: 'widget-list' });
  const full = location.origin + '/#/race/' + esc(raceId) + (params.get('lang') ? '?lang=' + params.get('lang') : '');
  fill(app, h('div', { class: 'widget' }, h('h1', {}, def.name || raceId), head, body,
    h('p', {}, h('a', { href: full, target: '_blank', rel: 'noopener' }, t().widgetMore))));
  document.title = t().widgetTitle(def.name || raceId);
  const rows = new Map();
  const key = e => String(e.car ?? e.team);
  const render = s => {
    fill(head, h('span', { class: 'badge ' + (s.status === 'FINAL' ? 'final' : 'provisional') }, statusWords(s, def)),
      ' ', s.asOfTrial ? t().updatedTo(s.asOfTrial) : t().noTrialYet);
    const sorted = [...rows.values()].sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9) || (a.car ?? 0) - (b.car ?? 0));
    fill(body, table('widget-standings', sorted.slice(0, size), false));
  };
  openStream('/api/races/' + esc(raceId) + '/standings/stream?' + query(params, size) + '&compact=true', s => {
    rows.clear();
    s.entries.forEach(e => rows.set(key(e), e));
    render(s);
  }, d => {
    (d.moved || []).forEach(e => rows.set(key(e), e));
    (d.gone || []).forEach(id => rows.delete(String(id)));
    render(d);
  });
}
