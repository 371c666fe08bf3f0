// The console's views of the race: To decide (each anomaly with what is known about it, and the decisions it allows)
// and Trials (each trial's counts, closed or reopened; each leg and the race published). A module of the console
// (direction.js gives it the calls, the texts and the dialog).
import { el, fill } from '/shared/page.js';
import { $, act, ask, classification, clock, r, route, t, timing, when, side as ctx } from './direction-side.js';

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

export async function renderDecide() {
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
    if (a.passageId) {
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
  const blocks = [];
  if (summary.some(x => x.atRisk && x.atRisk.length)) {
    blocks.push(el('p', { class: 'risk' }, t().atRiskNote));
  }
  if (published.race) {
    blocks.push(el('p', { class: 'status-CLOSED' }, `${t().race}: ${t().published(when(published.race.at), published.race.by)}`));
  }
  for (const leg of race.legs) {
    const stamp = published.legs && published.legs[String(leg.number)];
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
      stamp ? el('p', { class: 'status-CLOSED' }, t().published(when(stamp.at), stamp.by)) : '',
      el('button', { type: 'button', onclick: () => act(() => route('POST', r(`/legs/${leg.number}/publish`))) }, t().publishLeg(leg.number)),
      el('table', {}, el('thead', {}, el('tr', {}, el('th', {}, t().trial), el('th', {}, t().type), el('th', {}, t().status),
        el('th', { class: 'num' }, t().measured), el('th', { class: 'num' }, t().pending), el('th', { class: 'num' }, t().missed), el('th', {}, ''))),
      el('tbody', {}, rows)));
  }
  fill($('trials-list'), ...blocks);
}

