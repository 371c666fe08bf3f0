// The season on the dashboard: the championships (read from championship-service, whose address the page's settings
// give), a championship's lists live over SSE, a person's (or team's) page with every round and why it counts or not,
// and the big screen (#/championship/{id}?screen=1). In the dashboard's one style (dashboard-core.js, shared/page.js).
import { el as h, fill, text } from '/shared/page.js';
import { config, esc, every, fmt, href, json, openStream, state, t } from './dashboard-core.js';

const PER_PAGE = 10;

/** Whether the view that began at {@code turn} is still the one shown (the address changed meanwhile: leave it). */
const stillShown = turn => turn === state.turn;

/** championship-service's read at {@code path}. */
async function season(path) {
  return json((await config()).championshipUrl + path);
}

/** The races this service knows, by id: their names for the rounds. */
async function raceNames() {
  const races = await json('/api/races').catch(() => []);
  return new Map(races.map(r => [r.id, r.name || r.id]));
}

/** The championships, for the home page beside the races (nothing when championship-service cannot be reached). */
export async function championshipsSection() {
  let all;
  try {
    all = await season('/api/championships');
  } catch (e) {
    return h('p', { class: 'muted', id: 'no-season' }, t().seasonUnavailable);
  }
  return h('section', { id: 'championships' }, h('h2', {}, t().championships),
    all.length === 0 ? h('p', { class: 'muted' }, t().noChampionship) :
      h('ul', { class: 'races' }, all.map(c => h('li', {}, h('a', { href: href('/championship/' + esc(c.id)), 'data-championship': c.id },
        h('strong', {}, c.name || c.id), h('br'), h('span', { class: 'muted' }, t().championshipLine(c.season, c.rounds)))))));
}

/** The query of a championship's list from the page's address: list, category, trophy, provisional. */
function listQuery(params) {
  const q = new URLSearchParams();
  for (const key of ['list', 'category', 'trophy', 'provisional']) {
    if (params.get(key)) q.set(key, params.get(key));
  }
  return q;
}

const listValue = l => l.kind + (l.category ? ':' + l.category : l.trophy ? ':' + l.trophy : '');

function listName(l) {
  switch (l.kind) {
    case 'category': return t().category(l.category);
    case 'trophy': return l.trophy;
    case 'ladies': return t().ladies;
    case 'teams': return t().teams;
    default: return t().overall;
  }
}

/** The lists the championship keeps, as options; choosing one changes the address. */
function listSelector(def, q, base) {
  const current = (q.get('list') || 'overall') + (q.get('category') ? ':' + q.get('category') : q.get('trophy') ? ':' + q.get('trophy') : '');
  return h('select', { id: 'season-list', 'aria-label': t().whichList, onchange: e => {
    const l = (def.lists || []).find(x => listValue(x) === e.target.value) || { kind: 'overall' };
    const next = Object.fromEntries(q);
    delete next.category;
    delete next.trophy;
    next.list = l.kind;
    if (l.category) next.category = l.category;
    if (l.trophy) next.trophy = l.trophy;
    location.hash = href(base, next);
  } }, (def.lists || [{ kind: 'overall' }]).map(l => h('option', { value: listValue(l), selected: listValue(l) === current }, listName(l))));
}

/** The round's short name in the table (R1, R2, …), its race's name in its title and in the legend. */
const roundLabel = i => 'R' + (i + 1);

/** What broke a tie, in words; empty when nothing had to. */
function tieWords(tb, names) {
  if (!tb) return '';
  switch (tb.by) {
    case 'COUNT_BACK': return t().tieCountBack(tb.place, tb.count);
    case 'LATEST_ROUND': return t().tieLatest(names.get(tb.race) || tb.race, tb.position);
    case 'OLDER_CAR': return t().tieOlderCar(tb.year);
    case 'SHARED': return t().tieShared;
    default: return '';
  }
}

/** Why a round counts or not for this person, in words. */
function whyWords(line, def) {
  switch (line.why) {
    case 'DROPPED': return t().dropped(def.countBest);
    case 'UNDER_VALIDITY_SHARE': return t().underShare(Math.round(Number(def.minValidShare) * 100));
    default: return t().counted;
  }
}

const rank = e => (e.rank === null || e.rank === undefined ? '–' : e.rank);
const personName = e => text(e.person && e.person.name);

function rulesLine(def) {
  return t().rulesLine(def.rounds.length, def.countBest, def.minRounds, def.scores);
}

export async function championshipPage(app, id, params) {
  if (params.get('screen') === '1') return screen(app, id, params);
  const turn = state.turn;
  const [def, names] = await Promise.all([season('/api/championships/' + esc(id)), raceNames()]);
  if (!stillShown(turn)) return;
  const q = listQuery(params);
  const base = '/championship/' + esc(id);
  const head = h('div', { class: 'meta' });
  const table = h('div', { class: 'table-wrap' });
  const withProvisional = q.get('provisional') === 'true';
  const toggle = h('input', { type: 'checkbox', id: 'season-provisional', checked: withProvisional, onchange: e => {
    const next = Object.fromEntries(q);
    if (e.target.checked) next.provisional = 'true'; else delete next.provisional;
    location.hash = href(base, next);
  } });
  document.title = def.name || id;
  fill(app, h('h1', { id: 'championship-title' }, def.name || id), h('p', { class: 'muted', id: 'season-rules' }, rulesLine(def)), head,
    h('div', { class: 'controls' }, h('label', { for: 'season-list' }, t().list), listSelector(def, q, base),
      h('span', {}, toggle, ' ', h('label', { for: 'season-provisional' }, t().countProvisional)),
      h('button', { type: 'button', onclick: () => window.print(), class: 'no-print' }, t().print),
      h('a', { href: href(base, { ...Object.fromEntries(q), screen: '1' }), class: 'no-print' }, t().bigScreen)),
    table,
    h('ol', { class: 'muted legend', id: 'season-rounds' }, def.rounds.map((r, i) => h('li', {}, h('a', { href: href('/race/' + esc(r.race)) },
      roundLabel(i) + ' · ' + (names.get(r.race) || r.race)), Number(r.weight ?? 1) !== 1 ? ' · ' + t().weight(fmtWeight(r.weight)) : ''))));
  document.getElementById('print-footer').textContent = (def.name || id) + ' — ' + new Date().toLocaleString(t().locale);
  const render = s => {
    fill(head,
      h('span', { class: 'badge ' + (s.provisional ? 'provisional' : 'final'), id: 'season-status' }, s.provisional ? t().withProvisional : t().finalRounds),
      h('span', { id: 'season-as-of' }, t().afterRounds(s.asOfRound, def.rounds.length)),
      h('span', { class: 'muted' }, t().peopleN(s.entries.length, s.list === 'teams')));
    fill(table, standingsTable(def, s, names, q, base),
      s.entries.some(e => (e.rounds || []).some(r => r.provisional)) ? h('p', { class: 'muted hide-narrow' }, t().provisionalMark) : null);
  };
  const url = (await config()).championshipUrl + '/api/championships/' + esc(id) + '/standings';
  const first = await json(url + '?' + q);
  if (!stillShown(turn)) return;
  render(first);
  openStream(url + '/stream?' + q, render);
}

const fmtWeight = w => Number(w).toLocaleString(t().locale, { maximumFractionDigits: 2 });

function standingsTable(def, s, names, q, base) {
  const teams = s.list === 'teams';
  const rows = s.entries.map(e => {
    const page = href(base + '/person/' + esc(e.key), Object.fromEntries(q));
    const byRace = new Map((e.rounds || []).map(r => [r.race, r]));
    return h('tr', { 'data-person': e.key, class: e.classified ? '' : 'not-classified' },
      h('td', { class: 'num' }, rank(e)),
      h('td', { class: 'crew' }, h('a', { href: page }, personName(e)), e.classified ? null : h('span', { class: 'muted' }, ' · ', t().notClassified)),
      teams ? null : h('td', { class: 'hide-narrow' }, text(e.person && e.person.licence)),
      h('td', { class: 'num score' }, fmt(e.points)),
      def.rounds.map(r => roundCell(byRace.get(r.race))),
      h('td', { class: 'hide-narrow tie' }, tieWords(e.tieBreak, names)));
  });
  return h('table', { id: 'season-standings' },
    h('thead', {}, h('tr', {}, h('th', { class: 'num', scope: 'col' }, t().rank), h('th', { scope: 'col' }, teams ? t().team : t().person),
      teams ? null : h('th', { class: 'hide-narrow', scope: 'col' }, t().licence), h('th', { class: 'num', scope: 'col' }, t().points),
      def.rounds.map((r, i) => h('th', { class: 'num hide-narrow', scope: 'col', title: names.get(r.race) || r.race }, roundLabel(i))),
      h('th', { class: 'hide-narrow', scope: 'col' }, t().tieBreak))),
    h('tbody', {}, rows));
}

/** A round's points in the list: struck through when dropped, a dash when not started, marked when still provisional. */
function roundCell(line) {
  if (!line) return h('td', { class: 'num hide-narrow muted' }, '–');
  const shown = fmt(line.points) + (line.provisional ? ' *' : '');
  return h('td', { class: 'num hide-narrow round ' + (line.counted ? 'counted' : 'not-counted'), title: line.position ? t().positionN(line.position) : null },
    line.counted ? shown : [h('s', {}, shown), h('span', { class: 'sr-only' }, ' ' + t().droppedShort)]);
}

export async function personPage(app, id, key, params) {
  const turn = state.turn;
  const [def, names] = await Promise.all([season('/api/championships/' + esc(id)), raceNames()]);
  if (!stillShown(turn)) return;
  const q = listQuery(params);
  const base = '/championship/' + esc(id);
  const body = h('div', {});
  fill(app, h('p', { class: 'no-print' }, h('a', { href: href(base, Object.fromEntries(q)) }, t().backTo(def.name || id))), body);
  const render = s => {
    const e = s.entries.find(x => x.key === key);
    if (!e) {
      fill(body, h('h1', {}, t().personNotInList), h('p', { class: 'muted' }, key));
      return;
    }
    document.title = personName(e) + ' · ' + (def.name || id);
    const byRace = new Map((e.rounds || []).map(r => [r.race, r]));
    fill(body, h('h1', { id: 'person-title' }, personName(e)),
      h('div', { class: 'meta' },
        h('span', { class: 'badge', id: 'person-rank' }, e.rank ? t().rankN(e.rank) : t().notClassified),
        h('span', { id: 'person-points' }, t().pointsN(fmt(e.points))),
        e.person && e.person.licence ? h('span', { class: 'muted' }, t().licenceN(e.person.licence)) : null,
        h('span', { class: 'muted' }, t().startedN(e.started, def.minRounds)),
        e.tieBreak ? h('span', { class: 'muted', id: 'person-tie' }, tieWords(e.tieBreak, names)) : null),
      h('div', { class: 'table-wrap' }, h('table', { id: 'person-rounds' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t().round), h('th', { class: 'num', scope: 'col' }, t().position),
          h('th', { class: 'num hide-narrow', scope: 'col' }, t().weightHead), h('th', { class: 'num', scope: 'col' }, t().points),
          h('th', { scope: 'col' }, t().counts))),
        h('tbody', {}, def.rounds.map((r, i) => {
          const line = byRace.get(r.race);
          const name = h('a', { href: href('/race/' + esc(r.race)) }, roundLabel(i) + ' · ' + (names.get(r.race) || r.race));
          if (!line) {
            return h('tr', { 'data-race': r.race, class: 'not-started' }, h('th', { scope: 'row' }, name), h('td', { class: 'num' }, '–'),
              h('td', { class: 'num hide-narrow' }, fmtWeight(r.weight ?? 1)), h('td', { class: 'num' }, ''), h('td', { class: 'muted' }, t().notStarted));
          }
          return h('tr', { 'data-race': r.race, class: line.counted ? 'counted' : 'not-counted' }, h('th', { scope: 'row' }, name),
            h('td', { class: 'num' }, line.position ? line.position : '–'), h('td', { class: 'num hide-narrow' }, fmtWeight(line.weight)),
            h('td', { class: 'num' }, line.counted ? fmt(line.points) : h('s', {}, fmt(line.points))),
            h('td', { class: 'why' }, whyWords(line, def), line.provisional ? h('span', { class: 'badge provisional' }, t().provisional) : null));
        })))));
  };
  const url = (await config()).championshipUrl + '/api/championships/' + esc(id) + '/standings';
  const first = await json(url + '?' + q);
  if (!stillShown(turn)) return;
  render(first);
  openStream(url + '/stream?' + q, render);
}

/** The big screen: the list ten at a time, paging by itself, large; no controls. */
async function screen(app, id, params) {
  const turn = state.turn;
  const def = await season('/api/championships/' + esc(id));
  const url = (await config()).championshipUrl + '/api/championships/' + esc(id) + '/standings';
  if (!stillShown(turn)) return;
  const seconds = Math.max(1, Number(params.get('every')) || 8);
  const head = h('p', { class: 'meta' });
  const list = h('div', { id: 'screen-list', 'data-page': '0' });
  fill(app, h('div', { class: 'screen-view' }, h('h1', { id: 'championship-title' }, def.name || id), head, list));
  document.title = def.name || id;
  let current = null;
  let page = 0;
  const render = () => {
    if (!current) return;
    const pages = Math.max(1, Math.ceil(current.entries.length / PER_PAGE));
    page %= pages;
    list.setAttribute('data-page', String(page));
    fill(list, h('table', { id: 'screen-standings', class: 'big' },
      h('thead', {}, h('tr', {}, h('th', { class: 'num', scope: 'col' }, t().rank), h('th', { scope: 'col' }, t().person),
        h('th', { class: 'num', scope: 'col' }, t().points))),
      h('tbody', {}, current.entries.slice(page * PER_PAGE, (page + 1) * PER_PAGE).map(e => h('tr', { 'data-person': e.key },
        h('td', { class: 'num' }, rank(e)), h('td', { class: 'crew' }, personName(e)), h('td', { class: 'num score' }, fmt(e.points)))))),
    h('p', { class: 'muted', id: 'screen-page' }, t().screenPage(page + 1, pages)));
  };
  openStream(url + '/stream?' + listQuery(params), s => {
    current = s;
    fill(head, h('span', { class: 'badge ' + (s.provisional ? 'provisional' : 'final') }, s.provisional ? t().withProvisional : t().finalRounds),
      ' ', t().afterRounds(s.asOfRound, def.rounds.length));
    render();
  });
  every(seconds * 1000, () => { page += 1; render(); });
}
