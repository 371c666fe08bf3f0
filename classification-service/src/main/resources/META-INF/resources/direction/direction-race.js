// The console's views of the race: To decide (the protests still open first, each with its decisions; then each anomaly
// with what is known about it, and the decisions it allows) and Trials (each trial's counts, closed or reopened; each
// leg and the race posted as provisional or published). A module of the console
// (direction.js gives it the calls, the texts and the dialog).
import { el, fill } from '/shared/page.js';
import { $, act, ask, classification, clock, r, route, t, timing, when, side as ctx } from './direction-side.js';
import { XLSX, download } from './office-sheets.js';

/** Downloads one of the race's papers (PDF, or the register as a workbook) in the console's language, with the token. */
function paper(path, accept, name) {
  download('', `${r(path)}?lang=${ctx.lang()}`, accept, `${ctx.raceId()}-${name}`, ctx.token()).catch(e => ctx.say(e.message));
}

/** The laps a trial takes its points on (a circuit's; 1 on a road leg): [point, lap] pairs. */
function pointsOf(trial) {
  const start = trial.startLap || 1;
  return [[trial.start, start], [trial.finish, trial.finishLap || 1], [trial.point, trial.lap || 1],
    ...((trial.detections || []).map(d => [d.point, d.lap || start]))].filter(([p]) => p);
}

/** The trials using a point (on a lap, when the anomaly names one). */
function trialsAt(point, lap) {
  const found = [];
  for (const leg of ctx.race().legs) {
    for (const trial of leg.trials || []) {
      if (pointsOf(trial).some(([p, l]) => p === point && (lap == null || l === lap))) {
        found.push(trial);
      }
    }
  }
  return found;
}

/** A trial's lap, said on a circuit: " · lap 3" (empty on a road leg). */
function lapOf(trial, leg) {
  if (!leg || !(leg.laps > 1)) {
    return '';
  }
  const first = trial.type === 'PC' || trial.type === 'PM' ? (trial.startLap || 1) : (trial.lap || 1);
  const last = trial.type === 'PC' ? (trial.finishLap || 1) : first;
  return ' · ' + t().lap(first === last ? first : first + '–' + last);
}

/** The protests still open, each with Uphold (and the ruling it leads to), Reject and Withdrawn. */
async function renderProtests() {
  const open = (await classification('GET', r('/protests'))).filter(p => p.status === 'OPEN');
  if (!open.length) {
    fill($('protest-list'), el('li', {}, t().noProtests));
    return;
  }
  fill($('protest-list'), ...open.map(p => {
    const about = p.trial ? `${t().trial} ${p.trial}` : p.leg ? `${t().leg} ${p.leg}` : t().wholeRace;
    const label = t().protestOf(p.car, about);
    const type = el('select', { 'aria-label': `${t().rulingIfUpheld} (${label})` },
      el('option', { value: '' }, t().noRuling), el('option', { value: 'STEWARD_PENALTY' }, t().stewardPenalty),
      ...(p.trial ? [el('option', { value: 'ASSIGN_AVERAGE' }, t().assignAverage), el('option', { value: 'NEUTRALISE' }, t().neutralise)] : []),
      el('option', { value: 'RETIRE' }, t().retire));
    const car = el('input', { inputmode: 'numeric', value: String(p.car), 'aria-label': `${t().rulingCar} (${label})`, size: 4 });
    const decide = (outcome, rulings) => reason => classification('POST', r(`/protests/${p.id}/decide`),
      { outcome, reason, rulings: rulings ? rulings(reason) : undefined });
    const button = (text, action) => el('button', { type: 'button', class: 'small', 'aria-label': `${text} (${label})`, onclick: action }, text);
    return el('li', { 'data-protest': p.id, 'data-car': p.car },
      el('h3', {}, label), el('p', {}, p.subject), el('p', { class: 'muted' }, t().lodged(when(p.lodgedAt), p.by)),
      el('div', { class: 'ruling' }, el('label', {}, t().rulingIfUpheld, type), el('label', {}, t().rulingCar, car)),
      el('div', { class: 'actions' },
        button(t().uphold, () => {
          const chosen = type.value;
          const ruling = chosen ? { type: chosen, car: Number(car.value), trial: p.trial || undefined } : null;
          ask(`${t().uphold} · ${label}${chosen ? ' · ' + type.selectedOptions[0].textContent : ''}`,
            ruling ? { car: ruling.car, ruling: { type: chosen, trial: ruling.trial } } : null,
            (reason, points) => decide('UPHELD', ruling ? () => [{ ...ruling, points: chosen === 'STEWARD_PENALTY' ? points : undefined,
              reason }] : null)(reason), chosen === 'STEWARD_PENALTY');
        }),
        button(t().reject, () => ask(`${t().reject} · ${label}`, null, decide('REJECTED'))),
        button(t().withdraw, () => ask(`${t().withdraw} · ${label}`, null, decide('WITHDRAWN')))));
  }));
}

/**
 * A wall-clock time of the race's zone ("2026-06-12T18:29", as a datetime-local field gives it) as an instant; in the
 * browser's zone when the race has none or the browser does not know it.
 */
function raceTime(wall) {
  const zone = ctx.race() && ctx.race().timeZone;
  try {
    const [date, time] = wall.split('T');
    const [y, mo, d] = date.split('-').map(Number);
    const [h, mi, s = 0] = time.split(':').map(Number);
    const asUtc = Date.UTC(y, mo - 1, d, h, mi, s);
    const offset = at => {
      const p = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit',
        day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(new Date(at)).map(x => [x.type, x.value]));
      return Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second) - at;
    };
    if (!zone) throw new Error('no zone');
    return new Date(asUtc - offset(asUtc - offset(asUtc))).toISOString();
  } catch (e) {
    return new Date(wall).toISOString();
  }
}

/** Records the protest the form holds, handed in now or at the race time it says. */
async function recordProtest(event) {
  event.preventDefault();
  const at = $('protest-at').value;
  await act(async () => {
    await classification('POST', r('/protests'), { car: Number($('protest-car').value) || null, by: $('protest-by').value,
      subject: $('protest-subject').value, trial: $('protest-trial').value.trim() || undefined,
      leg: $('protest-leg').value.trim() ? (Number.isInteger(Number($('protest-leg').value)) ? Number($('protest-leg').value)
        : $('protest-leg').value.trim()) : undefined, // not a number: the service says what to fix
      lodgedAt: at ? raceTime(at) : undefined });
    $('protest-form').reset();
  });
}

/** Wires To decide's protest form and Trials' race buttons. */
export function setUpRace() {
  $('protest-form').addEventListener('submit', recordProtest);
  $('post-race').addEventListener('click', () => act(() => route('POST', r('/provisional'))));
  $('publish-race').addEventListener('click', () => act(() => route('POST', r('/publish'))));
  $('paper-standings').addEventListener('click', () => paper('/standings.pdf', 'application/pdf', 'standings.pdf'));
  $('paper-certificates').addEventListener('click', () => paper('/certificates.pdf', 'application/pdf', 'certificates.pdf'));
  $('paper-register').addEventListener('click', () => paper('/register.pdf', 'application/pdf', 'register.pdf'));
  $('paper-register-sheet').addEventListener('click', () => paper('/register', XLSX, 'register.xlsx'));
}

export async function renderDecide() {
  await renderProtests();
  const list = await classification('GET', r('/anomalies?severity=ACTION&size=500&lang=' + ctx.lang()));
  $('decide-counts').textContent = t().counts(list.counts.ACTION, list.counts.INFO);
  const items = list.entries;
  if (!items.length) {
    fill($('decide-list'), el('li', {}, t().nothing));
    return;
  }
  const cards = [];
  for (const a of items) {
    const trials = a.trial ? trialsAt(a.point, a.lap).filter(x => x.id === a.trial) : trialsAt(a.point, a.lap);
    const trial = trials[0];
    const facts = el('ul', { class: 'facts' });
    if (trial) {
      facts.append(el('li', {}, `${t().trial} ${trial.id} (${trial.type})${trial.targetMs ? ', ' + t().target(trial.targetMs, (ctx.race().scoring || {}).resolution) : ''}`));
    }
    if (a.car != null && a.point) {
      const passages = await timing('GET', r(`/passages?car=${a.car}&point=${encodeURIComponent(a.point)}&size=20`));
      facts.append(el('li', {}, t().passagesHere + ':'),
        ...passages.entries.slice().sort((x, y) => x.time.localeCompare(y.time)).map(p => el('li', {}, `${clock(p.time)} ${p.device} ${p.status}${p.id === a.passageId ? ' ◀' : ''}`)));
    }
    const label = `${t().anomalyTypes[a.type] || a.type} · ${t().car} ${a.car ?? '?'} · ${a.point || ''}${a.lap != null ? ' · ' + t().lap(a.lap) : ''}`;
    const actions = el('div', { class: 'actions' });
    const add = (text, action) => actions.append(el('button', { type: 'button', class: 'small', 'aria-label': `${text} (${label})`,
      'data-action': text, onclick: action }, text));
    if (a.type === 'GPS_CROSSING') {
      // a hose that missed: the GPS crossing counts only once race direction restores it, as any voided passage (rules.md)
      add(t().useGps, () => ask(`${t().useGps} · ${label}`, { car: a.car, restorePassage: a.passageId },
        reason => timing('POST', r(`/passages/${a.passageId}/restore`), { reason })));
    } else if (a.passageId) {
      add(t().voidPassage, () => ask(t().voidPassage + ' · ' + label, { car: a.car, voidPassage: a.passageId },
        reason => timing('POST', r(`/passages/${a.passageId}/void`), { reason })));
    }
    if (a.car != null && trial && a.type !== 'UNKNOWN_CAR') {
      add(t().assignAverage, () => ask(`${t().assignAverage} · ${t().car} ${a.car} ${t().of} ${trial.id}`,
        { car: a.car, ruling: { type: 'ASSIGN_AVERAGE', trial: trial.id } },
        reason => classification('POST', r('/rulings'), { type: 'ASSIGN_AVERAGE', car: a.car, trial: trial.id, reason })));
      add(t().neutralise, () => ask(`${t().neutralise} · ${t().car} ${a.car} ${t().of} ${trial.id}`,
        { car: a.car, ruling: { type: 'NEUTRALISE', trial: trial.id } },
        reason => classification('POST', r('/rulings'), { type: 'NEUTRALISE', car: a.car, trial: trial.id, reason })));
    }
    if (a.car != null && a.type !== 'UNKNOWN_CAR') {
      add(t().retire, () => ask(`${t().retire} · ${t().car} ${a.car}`, { car: a.car, ruling: { type: 'RETIRE' } },
        reason => classification('POST', r('/rulings'), { type: 'RETIRE', car: a.car, reason })));
      add(t().stewardPenalty, () => ask(`${t().stewardPenalty} · ${t().car} ${a.car}`, { car: a.car, ruling: { type: 'STEWARD_PENALTY' } },
        (reason, points) => classification('POST', r('/rulings'), { type: 'STEWARD_PENALTY', car: a.car, points, reason }), true));
    }
    add(t().markHandled, () => ask(`${t().markHandled} · ${label}`, null,
      reason => classification('POST', r(`/anomalies/${a.id}/handled`), { note: reason })));
    cards.push(el('li', { 'data-anomaly': a.id, 'data-type': a.type, 'data-car': a.car },
      el('h3', {}, label), el('p', {}, a.words || a.detail), facts, actions));
  }
  fill($('decide-list'), ...cards);
}

export async function renderTrials() {
  await ctx.loadRace();
  const summary = await classification('GET', r('/trials'));
  const race = ctx.race();
  const byId = Object.fromEntries(summary.map(s => [s.trial, s]));
  const published = race.published || { legs: {} };
  const posted = race.posted || { legs: {} };
  const onBoard = (post, stamp) => stamp ? t().published(when(stamp.at), stamp.by)
    : post ? t().posted(when(post.at), post.by, when(post.protestsUntil)) : '';
  $('race-board').textContent = onBoard(posted.race, published.race);
  const blocks = [];
  if (summary.some(x => x.atRisk && x.atRisk.length)) {
    blocks.push(el('p', { class: 'risk' }, t().atRiskNote));
  }
  for (const leg of race.legs) {
    const stamp = published.legs && published.legs[String(leg.number)];
    const post = posted.legs && posted.legs[String(leg.number)];
    const rows = (leg.trials || []).map(trial => {
      const s = byId[trial.id] || {};
      const closed = trial.status === 'CLOSED' || trial.status === 'NEUTRALISED';
      const toggle = closed ? t().reopen : t().close;
      const risky = s.atRisk && s.atRisk.length ? s.atRisk : null;
      return el('tr', { 'data-trial': trial.id, 'data-at-risk': risky ? risky.join(' ') : null, class: risky ? 'at-risk' : null },
        el('td', {}, trial.id + lapOf(trial, leg), risky ? el('br') : '', risky ? el('small', { class: 'risk' }, t().atRiskCars(risky)) : ''),
        el('td', {}, trial.type), el('td', { class: 'status-' + trial.status }, trial.status),
        el('td', { class: 'num' }, s.measured ?? 0), el('td', { class: 'num' }, s.pending ?? 0), el('td', { class: 'num' }, s.missed ?? 0),
        el('td', {}, el('button', { type: 'button', class: 'small', 'aria-label': `${toggle} ${trial.id}`, onclick: async () => {
          await act(() => route('PATCH', r(`/trials/${encodeURIComponent(trial.id)}`), { status: closed ? 'OPEN' : 'CLOSED' }));
        } }, toggle)));
    });
    blocks.push(el('h3', {}, `${t().leg} ${leg.number} · ${leg.name || ''}${leg.laps > 1 ? ' · ' + t().circuit(leg.laps) : ''}`),
      stamp || post ? el('p', { class: 'status-CLOSED' }, onBoard(post, stamp)) : '',
      el('div', { class: 'row' },
        el('button', { type: 'button', onclick: () => act(() => route('POST', r(`/legs/${leg.number}/provisional`))) }, t().postLeg(leg.number)),
        el('button', { type: 'button', onclick: () => act(() => route('POST', r(`/legs/${leg.number}/publish`))) }, t().publishLeg(leg.number))),
      el('table', {}, el('thead', {}, el('tr', {}, el('th', {}, t().trial), el('th', {}, t().type), el('th', {}, t().status),
        el('th', { class: 'num' }, t().measured), el('th', { class: 'num' }, t().pending), el('th', { class: 'num' }, t().missed), el('th', {}, ''))),
      el('tbody', {}, rows)));
  }
  fill($('trials-list'), ...blocks);
}

