// The console's views of what people did: Crew (one crew's passages, results and rulings, each passage voided or restored,
// each ruling revoked) and Journal (everything people did to the race, filtered by crew or person). A module of the
// console (direction.js gives it the calls, the texts and the dialog).
import { el, fill } from '/shared/page.js';
import { $, ask, classification, clock, r, route, say, t, timing, when } from './direction-side.js';

export async function renderCrew(car) {
  const [passages, rulings] = await Promise.all([timing('GET', r(`/passages?car=${car}&size=500`)), classification('GET', r('/rulings'))]);
  let results = null;
  try {
    results = await classification('GET', r(`/crews/${car}/results`));
  } catch (e) {
    results = null;
  }
  const prows = passages.entries.slice().sort((a, b) => a.time.localeCompare(b.time)).map(p => el('tr', { class: p.status === 'VOIDED' ? 'voided' : '', 'data-passage': p.id },
    el('td', {}, p.point), el('td', {}, clock(p.time)), el('td', {}, p.device), el('td', {}, p.status === 'VOIDED' ? t().voided(p.voidedBy, p.voidReason) : p.status),
    el('td', {}, p.status === 'VOIDED'
      ? el('button', { type: 'button', class: 'small', 'aria-label': `${t().restore} ${p.point} ${clock(p.time)}`,
        onclick: () => ask(`${t().restore} · ${t().car} ${car} · ${p.point} ${clock(p.time)}`, { car: Number(car), restorePassage: p.id },
          reason => timing('POST', r(`/passages/${p.id}/restore`), { reason })) }, t().restore)
      : el('button', { type: 'button', class: 'small', 'aria-label': `${t().voidPassage} ${p.point} ${clock(p.time)}`,
        onclick: () => ask(`${t().voidPassage} · ${t().car} ${car} · ${p.point} ${clock(p.time)}`, { car: Number(car), voidPassage: p.id },
          reason => timing('POST', r(`/passages/${p.id}/void`), { reason })) }, t().voidPassage))));
  const mine = rulings.filter(x => String(x.car) === String(car));
  const rlist = mine.map(x => el('li', { class: x.revoked ? 'revoked' : '' }, `#${x.id} ${x.type}${x.trial ? ' ' + x.trial : ''}${x.points ? ' ' + x.points : ''} — ${x.reason} (${x.by}, ${when(x.at)})`,
    x.revoked ? ` — ${t().revoked(when(x.revoked.at), x.revoked.by, x.revoked.reason)}` : ' ',
    x.revoked ? '' : el('button', { type: 'button', class: 'small', 'aria-label': `${t().revoke} #${x.id}`,
      onclick: () => ask(`${t().revoke} #${x.id} · ${x.type}`, null, reason => classification('POST', r(`/rulings/${x.id}/revoke`), { reason })) }, t().revoke)));
  const trows = results ? results.trials.map(x => el('tr', {}, el('td', {}, x.trial), el('td', {}, x.type), el('td', {}, x.state),
    el('td', { class: 'num' }, x.penalty ?? ''))) : [];
  fill($('crew-view'), 
    el('h3', {}, results ? `${t().car} ${car} · ${results.crew} · ${t().score} ${results.score} · ${results.state}` : `${t().car} ${car}`),
    el('h3', {}, t().passages), el('table', {}, el('thead', {}, el('tr', {}, el('th', {}, t().point), el('th', {}, t().time), el('th', {}, t().device),
      el('th', {}, t().state), el('th', {}, ''))), el('tbody', {}, prows)),
    el('h3', {}, t().results), el('table', {}, el('thead', {}, el('tr', {}, el('th', {}, t().trial), el('th', {}, t().type), el('th', {}, t().state),
      el('th', { class: 'num' }, t().penalty))), el('tbody', {}, trows)),
    el('h3', {}, t().rulings), el('ul', {}, rlist));
}

export async function renderJournal() {
  const [history, changes, rulings, protests] = await Promise.all([route('GET', r('/history')), timing('GET', r('/passages/changes')),
    classification('GET', r('/rulings')), classification('GET', r('/protests'))]);
  const entries = [];
  history.forEach(h => entries.push({ at: h.at, by: h.by, car: null, what: `route r${h.revision}: ${h.what}` }));
  changes.forEach(c => entries.push({ at: c.at, by: c.by, car: c.car, what: `${c.kind} ${t().car} ${c.car}: ${c.reason}` }));
  rulings.forEach(x => {
    entries.push({ at: x.at, by: x.by, car: x.car, what: `${x.type} ${t().car} ${x.car}${x.trial ? ' ' + x.trial : ''}${x.points ? ' ' + x.points : ''}: ${x.reason}` });
    if (x.revoked) {
      entries.push({ at: x.revoked.at, by: x.revoked.by, car: x.car, what: `REVOKE #${x.id} ${x.type} ${t().car} ${x.car}: ${x.revoked.reason}` });
    }
  });
  protests.forEach(p => {
    entries.push({ at: p.recordedAt, by: p.recordedBy, car: p.car, what: t().protestLodged(p.car, `${p.subject} (${p.by}, ${when(p.lodgedAt)})`) });
    if (p.status !== 'OPEN') {
      entries.push({ at: p.decidedAt, by: p.decidedBy, car: p.car, what: t().protestDecided(p.status, p.reason) });
    }
  });
  const car = $('journal-car').value.trim();
  const person = $('journal-person').value.trim().toLowerCase();
  const shown = entries.filter(e => (!car || String(e.car) === car) && (!person || (e.by || '').toLowerCase().includes(person)))
    .sort((a, b) => String(b.at).localeCompare(String(a.at)));
  fill($('journal-list'), ...shown.map(e => el('li', {}, el('time', { datetime: e.at }, when(e.at)), `${e.by} — ${e.what}`)));
}

/** Wires the Journal's filters. */
export function setUpCrew() {
  $('journal-car').addEventListener('input', () => renderJournal().catch(e => say(e.message)));
  $('journal-person').addEventListener('input', () => renderJournal().catch(e => say(e.message)));
}
