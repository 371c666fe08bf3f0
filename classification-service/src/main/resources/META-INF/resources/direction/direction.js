// Race direction's console: what needs a decision, the decision with its reason and its effect shown first, and
// the trail of everything people did to the race; its office (office.js) sets the race up. Works against the three
// services with a race-direction token kept in this tab only (sessionStorage). An ES module in the project's one page
// style (shared/page.js), nothing loaded from elsewhere.
import { call as request, claims, el, fill } from '/shared/page.js';
import { renderEntries } from './office-entries.js';
import { renderRoute, setUpOffice, startNewRace } from './office.js';
import { renderPosts } from './office-posts.js';
import { OFFICE_TEXT } from './office-text.js';

const TEXT = {
  en: {
    title: 'Race direction', signInTitle: 'Sign in', token: 'Token', race: 'Race', signIn: 'Sign in', signOut: 'Sign out',
    toDecide: 'To decide', trials: 'Trials', crew: 'Crew', journal: 'Journal', publishRace: 'Publish the race', car: 'Car',
    show: 'Show', filterCrew: 'Crew', filterPerson: 'Person', points: 'Points', reason: 'Reason', confirmAction: 'Confirm',
    cancel: 'Cancel', counts: (a, i) => `${a} to decide · ${i} handled by the system (backup chronometers)`, nothing: 'Nothing to decide.',
    voidPassage: 'Void this passage', assignAverage: 'Assign average', neutralise: 'Neutralise', retire: 'Retire',
    stewardPenalty: 'Steward penalty', markHandled: 'Mark handled', close: 'Close', reopen: 'Reopen', publishLeg: n => `Publish leg ${n}`,
    restore: 'Restore', revoke: 'Revoke', needReason: 'Say why: the reason is kept with the decision.', needPoints: 'Give the points.',
    preview: (car, a, b) => `Car ${car}: score ${a} → ${b}`, noPreview: 'The scores do not change.', done: 'Done.',
    badToken: 'This token is not a race-direction token.', target: ms => `target ${(ms / 1000).toFixed(2)} s`,
    passagesHere: 'Passages of this crew here', leg: 'Leg', trial: 'Trial', type: 'Type', status: 'Status', measured: 'Measured',
    pending: 'Pending', missed: 'Missed', published: (at, by) => `published ${at} by ${by}`, passages: 'Passages', results: 'Results',
    rulings: 'Rulings', point: 'Point', time: 'Time', device: 'Device', state: 'State', penalty: 'Penalty', who: 'By',
    revoked: (at, by, why) => `revoked ${at} by ${by}: ${why}`, voided: (by, why) => `voided by ${by}: ${why}`, langSwitch: 'Italiano',
    of: 'on', unknown: 'unknown', score: 'Score', lap: n => `lap ${n}`, circuit: n => `circuit, ${n} laps`,
    atRisk: 'Clocks', atRiskCars: cars => `⚠ at risk: car ${cars.join(', ')}`,
    atRiskNote: 'At risk: a PC timed by two devices whose clocks may together be more than a hundredth off.',
  },
  it: {
    title: 'Direzione gara', signInTitle: 'Accesso', token: 'Token', race: 'Gara', signIn: 'Accedi', signOut: 'Esci',
    toDecide: 'Da decidere', trials: 'Prove', crew: 'Equipaggio', journal: 'Registro', publishRace: 'Pubblica la gara', car: 'Vettura',
    show: 'Mostra', filterCrew: 'Equipaggio', filterPerson: 'Persona', points: 'Punti', reason: 'Motivo', confirmAction: 'Conferma',
    cancel: 'Annulla', counts: (a, i) => `${a} da decidere · ${i} gestite dal sistema (cronometri di riserva)`, nothing: 'Niente da decidere.',
    voidPassage: 'Annulla questo passaggio', assignAverage: 'Assegna la media', neutralise: 'Neutralizza', retire: 'Ritira',
    stewardPenalty: 'Penalità dei commissari', markHandled: 'Segna come gestita', close: 'Chiudi', reopen: 'Riapri',
    publishLeg: n => `Pubblica la tappa ${n}`, restore: 'Ripristina', revoke: 'Revoca',
    needReason: 'Scrivi il motivo: resta con la decisione.', needPoints: 'Indica i punti.',
    preview: (car, a, b) => `Vettura ${car}: punteggio ${a} → ${b}`, noPreview: 'I punteggi non cambiano.', done: 'Fatto.',
    badToken: 'Questo non è un token della direzione gara.', target: ms => `tempo imposto ${(ms / 1000).toFixed(2)} s`,
    passagesHere: 'Passaggi di questo equipaggio qui', leg: 'Tappa', trial: 'Prova', type: 'Tipo', status: 'Stato', measured: 'Misurate',
    pending: 'In attesa', missed: 'Mancate', published: (at, by) => `pubblicata ${at} da ${by}`, passages: 'Passaggi', results: 'Risultati',
    rulings: 'Decisioni', point: 'Punto', time: 'Ora', device: 'Dispositivo', state: 'Stato', penalty: 'Penalità', who: 'Da',
    revoked: (at, by, why) => `revocata ${at} da ${by}: ${why}`, voided: (by, why) => `annullato da ${by}: ${why}`, langSwitch: 'English',
    of: 'su', unknown: 'sconosciuto', score: 'Punteggio', lap: n => `giro ${n}`, circuit: n => `circuito, ${n} giri`,
    atRisk: 'Orologi', atRiskCars: cars => `⚠ a rischio: vettura ${cars.join(', ')}`,
    atRiskNote: 'A rischio: una PC cronometrata da due dispositivi i cui orologi insieme possono sbagliare di più di un centesimo.',
  },
};

Object.keys(TEXT).forEach(l => Object.assign(TEXT[l], OFFICE_TEXT[l]));
const TABS = ['decide', 'trials', 'crew', 'journal', 'route', 'entries', 'posts'];

const $ = id => document.getElementById(id);
const session = {
  get: k => sessionStorage.getItem('direction.' + k),
  set: (k, v) => (v == null ? sessionStorage.removeItem('direction.' + k) : sessionStorage.setItem('direction.' + k, v)),
};
let lang = localStorage.getItem('direction.lang') || ((navigator.language || 'en').toLowerCase().startsWith('it') ? 'it' : 'en');
const t = () => TEXT[lang];
let config = { routeUrl: '', timingUrl: '' };
let race = null;       // the route definition of the chosen race
let pending = null;    // the action waiting for confirmation
let tab = 'decide';

// ---- talking to the three services

/** A call with the signed-in token: a JSON body, or a spreadsheet's {bytes, type}; other headers if given. */
const call = (base, method, path, body, headers) => request(base, method, path, body && body.bytes
  ? { body: body.bytes, type: body.type, headers, token: session.get('token') } : { body, headers, token: session.get('token') });
const classification = (method, path, body) => call('', method, path, body);
const route = (method, path, body) => call(config.routeUrl, method, path, body);
const timing = (method, path, body) => call(config.timingUrl, method, path, body);
const raceId = () => session.get('race');
const r = path => `/api/races/${encodeURIComponent(raceId())}${path}`;

const when = iso => iso ? new Date(iso).toLocaleString(lang === 'it' ? 'it-IT' : 'en-GB', { hour12: false }) : '';
const clock = iso => {
  if (!iso) {
    return '';
  }
  const d = new Date(iso);
  return d.toLocaleTimeString(lang === 'it' ? 'it-IT' : 'en-GB', { hour12: false }) + '.' + String(d.getMilliseconds()).padStart(3, '0');
};
const say = text => { $('message').textContent = text; };

// ---- signing in

async function showSignIn() {
  $('sign-in').hidden = false;
  $('console').hidden = true;
  $('sign-out').hidden = true;
  $('who').textContent = '';
  const races = await fetch('/api/races').then(x => x.json()).catch(() => []);
  fill($('race'), ...races.map(x => el('option', { value: x.id }, `${x.name || x.id} (${x.id})`)),
    el('option', { value: '' }, t().newRace));
}

async function signIn(event) {
  event.preventDefault();
  const token = $('token').value.trim();
  const c = claims(token);
  if (!c || !(c.groups || []).includes('race-direction')) {
    $('sign-in-error').textContent = t().badToken;
    return;
  }
  session.set('token', token);
  session.set('race', $('race').value || null);
  $('sign-in-error').textContent = '';
  if (!$('race').value) {
    tab = 'route';
    startNewRace();
  }
  await showConsole();
}

async function showConsole() {
  $('sign-in').hidden = true;
  $('console').hidden = false;
  $('sign-out').hidden = false;
  const c = claims(session.get('token'));
  $('who').textContent = (c && (c.upn || c.sub)) || '';
  await loadRace();
  await showTab(tab);
}

async function loadRace() {
  race = raceId() ? await route('GET', r('')) : null;
}

// ---- tabs

async function showTab(name) {
  tab = name;
  TABS.forEach(n => {
    $('panel-' + n).hidden = n !== name;
    $('tab-' + n).setAttribute('aria-selected', String(n === name));
  });
  try {
    if (name === 'route') {
      await renderRoute();
    } else if (name === 'entries') {
      await renderEntries();
    } else if (name === 'posts') {
      await renderPosts();
    } else if (!raceId()) {
      say(t().noRaceYet);
    } else if (name === 'decide') {
      await renderDecide();
    } else if (name === 'trials') {
      await renderTrials();
    } else if (name === 'crew' && $('crew-car').value) {
      await renderCrew($('crew-car').value);
    } else if (name === 'journal') {
      await renderJournal();
    }
  } catch (e) {
    say(e.message);
  }
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
  for (const leg of race.legs) {
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

async function renderDecide() {
  const list = await classification('GET', r('/anomalies?severity=ACTION&size=500'));
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
      facts.append(el('li', {}, `${t().trial} ${trial.id} (${trial.type})${trial.targetMs ? ', ' + t().target(trial.targetMs) : ''}`));
    }
    if (a.car != null && a.point) {
      const passages = await timing('GET', r(`/passages?car=${a.car}&point=${encodeURIComponent(a.point)}&size=20`));
      facts.append(el('li', {}, t().passagesHere + ':'),
        ...passages.entries.slice().sort((x, y) => x.time.localeCompare(y.time)).map(p => el('li', {}, `${clock(p.time)} ${p.device} ${p.status}${p.id === a.passageId ? ' ◀' : ''}`)));
    }
    const label = `${a.type} · ${t().car} ${a.car ?? '?'} · ${a.point || ''}${a.lap != null ? ' · ' + t().lap(a.lap) : ''}`;
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
      el('h3', {}, label), el('p', {}, a.detail), facts, actions));
  }
  fill($('decide-list'), ...cards);
}

async function renderTrials() {
  await loadRace();
  const summary = await classification('GET', r('/trials'));
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

async function renderCrew(car) {
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
        onclick: () => ask(`${t().restore} · ${t().car} ${car} · ${p.point} ${clock(p.time)}`, null,
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

async function renderJournal() {
  const [history, changes, rulings] = await Promise.all([route('GET', r('/history')), timing('GET', r('/passages/changes')),
    classification('GET', r('/rulings'))]);
  const entries = [];
  history.forEach(h => entries.push({ at: h.at, by: h.by, car: null, what: `route r${h.revision}: ${h.what}` }));
  changes.forEach(c => entries.push({ at: c.at, by: c.by, car: c.car, what: `${c.kind} ${t().car} ${c.car}: ${c.reason}` }));
  rulings.forEach(x => {
    entries.push({ at: x.at, by: x.by, car: x.car, what: `${x.type} ${t().car} ${x.car}${x.trial ? ' ' + x.trial : ''}${x.points ? ' ' + x.points : ''}: ${x.reason}` });
    if (x.revoked) {
      entries.push({ at: x.revoked.at, by: x.revoked.by, car: x.car, what: `REVOKE #${x.id} ${x.type} ${t().car} ${x.car}: ${x.revoked.reason}` });
    }
  });
  const car = $('journal-car').value.trim();
  const person = $('journal-person').value.trim().toLowerCase();
  const shown = entries.filter(e => (!car || String(e.car) === car) && (!person || (e.by || '').toLowerCase().includes(person)))
    .sort((a, b) => String(b.at).localeCompare(String(a.at)));
  fill($('journal-list'), ...shown.map(e => el('li', {}, el('time', { datetime: e.at }, when(e.at)), `${e.by} — ${e.what}`)));
}

// ---- every action: a reason, the effect on the crew's score first, then the change

async function ask(title, preview, perform, withPoints, noReason) {
  pending = { perform, preview, withPoints, noReason };
  $('confirm').hidden = false;
  $('confirm-title').textContent = title;
  $('confirm-reason').value = '';
  $('confirm-reason').hidden = !!noReason;
  $('confirm-reason-label').hidden = !!noReason;
  $('confirm-points').value = '';
  $('confirm-points').hidden = !withPoints;
  $('confirm-points-label').hidden = !withPoints;
  $('confirm-error').textContent = '';
  $('confirm-preview').textContent = '';
  await showPreview();
  (noReason ? $('confirm-ok') : $('confirm-reason')).focus();
}

async function showPreview() {
  if (!pending || !pending.preview) {
    $('confirm-preview').textContent = pending ? t().noPreview : '';
    return;
  }
  const body = JSON.parse(JSON.stringify(pending.preview));
  if (body.ruling && body.ruling.type === 'STEWARD_PENALTY') {
    body.ruling.points = Number($('confirm-points').value) || 0;
  }
  try {
    const p = await classification('POST', r('/preview'), body);
    $('confirm-preview').textContent = p.before.score === p.after.score && p.before.state === p.after.state ? t().noPreview
      : t().preview(p.car, `${p.before.score} ${p.before.state}`, `${p.after.score} ${p.after.state}`);
  } catch (e) {
    $('confirm-preview').textContent = e.message;
  }
}

async function confirmAction() {
  const reason = $('confirm-reason').value.trim();
  if (!reason && !pending.noReason) {
    $('confirm-error').textContent = t().needReason;
    return;
  }
  const points = Number($('confirm-points').value);
  if (pending.withPoints && !(points > 0)) {
    $('confirm-error').textContent = t().needPoints;
    return;
  }
  try {
    await pending.perform(reason, points);
  } catch (e) {
    $('confirm-error').textContent = e.message;
    return;
  }
  closeConfirm();
  say(t().done);
  setTimeout(() => showTab(tab), 300);
}

function closeConfirm() {
  pending = null;
  $('confirm').hidden = true;
}

async function act(work) {
  try {
    await work();
    say(t().done);
  } catch (e) {
    say(e.message);
  }
  await showTab(tab);
}

function translate() {
  document.documentElement.lang = lang;
  document.querySelectorAll('[data-i18n]').forEach(e => { e.textContent = t()[e.dataset.i18n]; });
  $('lang').textContent = lang === 'it' ? 'EN' : 'IT';
  $('lang').setAttribute('aria-label', t().langSwitch);
}

async function main() {
  config = await fetch('/dashboard/config.json').then(x => x.json()).catch(() => config);
  translate();
  $('lang').addEventListener('click', () => {
    lang = lang === 'it' ? 'en' : 'it';
    localStorage.setItem('direction.lang', lang);
    translate();
    if (!$('console').hidden) {
      showTab(tab);
    }
  });
  $('sign-in-form').addEventListener('submit', signIn);
  $('sign-out').addEventListener('click', () => { session.set('token', null); session.set('race', null); showSignIn(); });
  TABS.forEach(n => $('tab-' + n).addEventListener('click', () => showTab(n)));
  setUpOffice({
    t, say, ask, act, when, classification, route, timing, raceId, race: () => race, token: () => session.get('token'),
    routeUrl: () => config.routeUrl,
    reload: async () => { await loadRace(); await showTab(tab); },
    switchRace: async id => { session.set('race', id); await loadRace(); await showTab(tab); },
  });
  $('crew-form').addEventListener('submit', e => { e.preventDefault(); showTab('crew'); });
  $('journal-car').addEventListener('input', () => renderJournal().catch(e => say(e.message)));
  $('journal-person').addEventListener('input', () => renderJournal().catch(e => say(e.message)));
  $('confirm-ok').addEventListener('click', confirmAction);
  $('confirm-cancel').addEventListener('click', closeConfirm);
  $('confirm-points').addEventListener('change', showPreview);
  if (session.get('token')) {
    if (!session.get('race')) {
      tab = 'route';
      startNewRace();
    }
    await showConsole();
  } else {
    await showSignIn();
  }
}

main();
