// The timekeeper app: a timing post on a phone. Every crossing is stamped at the press, kept in IndexedDB
// before anything else happens, numbered (now or later), and sent in batches with the id made at the press,
// so a retry is answered DUPLICATE and never stored twice. An ES module in the project's one page style
// (shared/page.js, kept offline by the service worker), nothing loaded from elsewhere.
import { claims, el, fill, problem as problemOf } from '/shared/page.js';
import { INSTRUMENT_TEXT, renderInstruments, setUpInstruments } from './instruments.js';

const TEXT = {
  en: {
    title: 'Timing post', setupTitle: 'Set up the post', token: 'Token', race: 'Race', leg: 'Leg', point: 'Timing point',
    device: 'Device', start: 'Start', changePost: 'Change post', crossing: 'Crossing', car: 'Car', saveCar: 'Save car',
    nextExpected: 'Next expected', sendNow: 'Send now', lastCrossings: 'Last crossings at this post',
    waiting: n => `${n} waiting`, allSent: 'all sent', toNumber: n => `${n} to number`,
    states: { new: 'to number', waiting: 'waiting', sent: 'sent', duplicate: 'sent (already stored)', rejected: 'rejected',
      conflict: 'rejected: id already used', 'void-waiting': 'correction waiting', voided: 'voided (corrected)',
      'void-refused': 'correction refused: ask race direction to void it' },
    edit: 'Edit car', del: 'Delete', correct: 'Correct', editing: t => `Type the car for the crossing at ${t}, then Enter.`,
    noCrossing: 'No crossing to number: press Crossing first.', badCar: 'A car number is a whole number from 1.',
    clockUnknown: 'Clock offset unknown: not yet measured against the server.',
    clockBad: ms => `Clock offset ${ms} ms: check the device's clock.`, clockOk: (ms, u) => `Clock offset ${ms} ms ± ${u} ms.`,
    clockPc: u => `Clock uncertain by ${u} ms: times from this phone may be off by more than a hundredth. At a PC post, time with a chronometer or type its strip.`,
    lastAccepted: t => `Last batch accepted at ${t}.`, offline: s => `No network: retrying in ${s} s.`,
    refused: m => `The server refused the batch: ${m}`, needToken: 'Paste the token race direction gave you.',
    needAll: 'Choose the race, the leg, the timing point and the device.', badToken: 'This is not a token.',
    noRaces: 'No race is known yet (no network?).', correctedReason: (a, b) => `car ${a} corrected to ${b} at the post`,
    langSwitch: 'Italiano', km: 'km', lapLine: n => `lap line (${n} laps)`, everyLap: n => `every lap (${n})`,
    circuit: n => `circuit, ${n} laps`,
  },
  it: {
    title: 'Posto di rilevamento', setupTitle: 'Prepara il posto', token: 'Token', race: 'Gara', leg: 'Tappa',
    point: 'Punto di rilevamento', device: 'Dispositivo', start: 'Inizia', changePost: 'Cambia posto', crossing: 'Passaggio',
    car: 'Vettura', saveCar: 'Salva vettura', nextExpected: 'Prossima attesa', sendNow: 'Invia ora',
    lastCrossings: 'Ultimi passaggi a questo posto',
    waiting: n => `${n} in attesa`, allSent: 'tutto inviato', toNumber: n => `${n} da numerare`,
    states: { new: 'da numerare', waiting: 'in attesa', sent: 'inviato', duplicate: 'inviato (già registrato)', rejected: 'rifiutato',
      conflict: 'rifiutato: id già usato', 'void-waiting': 'correzione in attesa', voided: 'annullato (corretto)',
      'void-refused': 'correzione rifiutata: chiedi alla direzione gara di annullarlo' },
    edit: 'Modifica vettura', del: 'Elimina', correct: 'Correggi',
    editing: t => `Scrivi la vettura del passaggio delle ${t}, poi Invio.`,
    noCrossing: 'Nessun passaggio da numerare: premi prima Passaggio.', badCar: 'Il numero di gara è un intero da 1 in su.',
    clockUnknown: 'Scarto dell\'orologio sconosciuto: non ancora misurato con il server.',
    clockBad: ms => `Scarto dell'orologio ${ms} ms: controlla l'ora del dispositivo.`, clockOk: (ms, u) => `Scarto dell'orologio ${ms} ms ± ${u} ms.`,
    clockPc: u => `Orologio incerto di ${u} ms: i tempi di questo telefono possono sbagliare di più di un centesimo. A un posto di PC, cronometra con un cronometro o scrivi la sua striscia.`,
    lastAccepted: t => `Ultimo invio accettato alle ${t}.`, offline: s => `Nessuna rete: nuovo tentativo tra ${s} s.`,
    refused: m => `Il server ha rifiutato l'invio: ${m}`, needToken: 'Incolla il token ricevuto dalla direzione gara.',
    needAll: 'Scegli gara, tappa, punto di rilevamento e dispositivo.', badToken: 'Questo non è un token.',
    noRaces: 'Nessuna gara nota (manca la rete?).', correctedReason: (a, b) => `vettura ${a} corretta in ${b} al posto`,
    langSwitch: 'English', km: 'km', lapLine: n => `linea del giro (${n} giri)`, everyLap: n => `ogni giro (${n})`,
    circuit: n => `circuito, ${n} giri`,
  },
};

Object.keys(TEXT).forEach(l => Object.assign(TEXT[l], INSTRUMENT_TEXT[l]));
const $ = id => document.getElementById(id);
const store = {
  get: key => { try { return JSON.parse(localStorage.getItem('timekeeper.' + key)); } catch (e) { return null; } },
  set: (key, value) => localStorage.setItem('timekeeper.' + key, JSON.stringify(value)),
};

let lang = store.get('lang') || ((navigator.language || 'en').toLowerCase().startsWith('it') ? 'it' : 'en');
let setup = store.get('setup');          // {token, race, leg, point, device}
let races = store.get('races') || [];    // what /api/races said last, for offline use
let clock = store.get('clock');          // {offsetMs, rttMs, at}
let crossings = [];                      // every crossing, newest first (a copy of IndexedDB)
let editing = null;                      // id of the crossing the car field numbers or corrects
let sending = false;
let backoffMs = 0;
let retryTimer = null;
const t = () => TEXT[lang];

// ---- IndexedDB: the queue that survives a reload, a crash of the browser, a flat battery

let db;
function openDb() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open('timekeeper', 1);
    request.onupgradeneeded = () => request.result.createObjectStore('crossings', { keyPath: 'id' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}
function tx(mode, work) {
  return new Promise((resolve, reject) => {
    const transaction = db.transaction('crossings', mode);
    const result = work(transaction.objectStore('crossings'));
    transaction.oncomplete = () => resolve(result && 'result' in result ? result.result : undefined);
    transaction.onerror = () => reject(transaction.error);
    transaction.onabort = () => reject(transaction.error);
  });
}
const save = crossing => tx('readwrite', s => s.put(crossing));
const remove = id => tx('readwrite', s => s.delete(id));
async function load() {
  const all = await tx('readonly', s => s.getAll());
  crossings = all.sort((a, b) => b.at - a.at);
}

// ---- the token and the post

function authorization() {
  return { Authorization: 'Bearer ' + setup.token };
}

async function loadRaces() {
  try {
    const response = await fetch('/api/races');
    if (response.ok) {
      races = await response.json();
      store.set('races', races);
    }
  } catch (e) {
    // offline: the last list (the service worker keeps one too)
  }
}

function option(select, value, text, chosen) {
  select.append(el('option', { value, selected: value === chosen }, text));
}

function fillRaces(chosen) {
  const select = $('race');
  fill(select);
  races.forEach(r => option(select, r.id, r.name ? `${r.name} (${r.id})` : r.id, chosen));
  fillLegs(setup && setup.leg);
}

function fillLegs(chosen) {
  const race = races.find(r => r.id === $('race').value);
  const select = $('leg');
  fill(select);
  (race ? race.legs : []).forEach(l => option(select, String(l.number),
    `${l.number}. ${l.name || ''}${l.date ? ' · ' + l.date : ''}${l.laps > 1 ? ' · ' + t().circuit(l.laps) : ''}`,
    chosen == null ? null : String(chosen)));
  fillPoints(setup && setup.point);
}

function fillPoints(chosen) {
  const race = races.find(r => r.id === $('race').value);
  const leg = race && race.legs.find(l => String(l.number) === $('leg').value);
  const select = $('point');
  fill(select);
  // on a circuit a post times every lap at its hose: the line is said, and the laps
  const line = leg && leg.laps > 1 ? leg.startPoint : null;
  (leg ? leg.timingPoints : []).forEach(p => option(select, p.id,
    `${p.id}${p.town ? ' — ' + p.town : ''}${p.km != null ? ', ' + t().km + ' ' + Number(p.km).toFixed(1) : ''}`
    + (line === p.id ? ' · ' + t().lapLine(leg.laps) : line ? ' · ' + t().everyLap(leg.laps) : ''), chosen));
}

function showSetup() {
  $('setup').hidden = false;
  $('capture').hidden = true;
  $('token').value = setup ? setup.token : $('token').value;
  $('device').value = setup ? setup.device : $('device').value;
  fillRaces(setup && setup.race);
  if (!races.length) {
    $('setup-error').textContent = t().noRaces;
  }
}

function tokenChanged() {
  const c = claims($('token').value.trim());
  if (c && c.device && c.device !== '*' && !$('device').value) {
    $('device').value = c.device;
  }
}

async function start(event) {
  event.preventDefault();
  const token = $('token').value.trim();
  const chosen = { token, race: $('race').value, leg: Number($('leg').value), point: $('point').value, device: $('device').value.trim() };
  if (!token) {
    $('setup-error').textContent = t().needToken;
    return;
  }
  if (!claims(token)) {
    $('setup-error').textContent = t().badToken;
    return;
  }
  if (!chosen.race || !chosen.leg || !chosen.point || !chosen.device) {
    $('setup-error').textContent = t().needAll;
    return;
  }
  setup = chosen;
  store.set('setup', setup);
  $('setup-error').textContent = '';
  showCapture();
  measureClock();
}

const currentRace = () => (setup && races.find(r => r.id === setup.race)) || null;
const currentLeg = () => { const race = currentRace(); return (race && race.legs.find(l => l.number === setup.leg)) || null; };

function showCapture() {
  $('setup').hidden = true;
  $('capture').hidden = false;
  const race = currentRace();
  const leg = currentLeg();
  const point = leg && leg.timingPoints.find(p => p.id === setup.point);
  $('post-name').textContent = `${race ? race.name || race.id : setup.race} · ${t().leg} ${setup.leg} · ${setup.point}`
    + `${point && point.town ? ' (' + point.town + ')' : ''} · ${setup.device}`;
  render();
  renderInstruments();
  $('car').focus();
}

// ---- capture: the time of the press, to the millisecond

/** The phone's clock: how far it may be from the server's (half the round trip of its offset measurement), or null. */
const phoneUncertainty = () => (clock && clock.rttMs != null ? Math.round(clock.rttMs / 2) : null);

/**
 * A crossing at this post: at {@code atMs}, at {@code point} (this post's, or a chronometer channel's), numbered when
 * {@code car} is given; with how good its time is.
 */
function record({ point, at, car = null, source, precisionMs, clockUncertaintyMs, clockOffsetMs, typed, flags }) {
  const crossing = {
    id: crypto.randomUUID(), race: setup.race, post: setup.point, point: point || setup.point, device: setup.device, source,
    at, time: new Date(Math.floor(at)).toISOString(), car, status: car == null ? 'new' : 'waiting',
    clockOffsetMs: clockOffsetMs === undefined ? (clock ? Math.round(clock.offsetMs) : null) : clockOffsetMs,
    precisionMs, clockUncertaintyMs, typed, warnings: flags && flags.length ? flags : null,
  };
  crossings.unshift(crossing);
  crossings.sort((a, b) => b.at - a.at);
  render();
  const saved = save(crossing);
  if (car != null) {
    saved.then(() => sendSoon());
  }
  return saved;
}

/** The press of the button (a thumb: 100 ms spread) or of a key (a pedal, a hose interface: 10 ms), at the phone's clock. */
function stamp(atMs, source) {
  return record({ at: atMs, source, precisionMs: source === 'MANUAL' ? 100 : 10, clockUncertaintyMs: phoneUncertainty() });
}

/** The crossings taken at this post (a chronometer's channels may put them at other points of the leg). */
const atThisPost = () => crossings.filter(c => c.race === setup.race && (c.post || c.point) === setup.point);

// the event's own timestamp (when the finger came down), on the clock the page was loaded with
const pressedAt = event => performance.timeOrigin + (event && event.timeStamp ? event.timeStamp : performance.now());

async function numberCrossing(raw) {
  $('car-error').textContent = '';
  const car = Number(raw);
  if (!/^\d+$/.test(raw) || car < 1) {
    $('car-error').textContent = t().badCar;
    return;
  }
  let target = editing ? crossings.find(c => c.id === editing) : null;
  if (!target) {
    target = atThisPost().filter(c => c.status === 'new').sort((a, b) => a.at - b.at)[0];
  }
  if (!target) {
    $('car-error').textContent = t().noCrossing;
    return;
  }
  editing = null;
  $('car').value = '';
  if (['new', 'waiting', 'rejected', 'conflict'].includes(target.status)) {
    target.car = car;
    if (target.status === 'rejected' || target.status === 'conflict') {
      const refused = target.id;
      target.id = crypto.randomUUID(); // a new passage: the server refused the old one
      await remove(refused);
    }
    target.status = 'waiting';
    target.errors = null;
    await save(target);
  } else if (['sent', 'duplicate'].includes(target.status) && target.car !== car) {
    // sent already: void the stored passage (with the reason) and send the crossing again with the right car
    const corrected = { ...target, id: crypto.randomUUID(), car, status: 'waiting', errors: null, warnings: null,
      corrects: target.id, at: target.at + 0.001 };
    target.status = 'void-waiting';
    target.voidReason = t().correctedReason(target.car, car);
    target.correctedBy = corrected.id;
    await save(corrected);
    await save(target);
    crossings.unshift(corrected);
    crossings.sort((a, b) => b.at - a.at);
  }
  render();
  sendSoon();
}

async function deleteCrossing(id) {
  const c = crossings.find(x => x.id === id);
  if (!c || !['new', 'waiting', 'rejected', 'conflict'].includes(c.status)) {
    return;
  }
  crossings = crossings.filter(x => x.id !== id);
  if (editing === id) {
    editing = null;
  }
  await remove(id);
  render();
}

function startEditing(id) {
  editing = editing === id ? null : id;
  render();
  $('car').focus();
}

// ---- send: voids first, then the numbered crossings in batches

const waitingOnes = () => crossings.filter(c => c.status === 'waiting' || c.status === 'void-waiting');

function sendSoon(delayMs = 0) {
  clearTimeout(retryTimer);
  retryTimer = setTimeout(send, delayMs);
}

async function send() {
  if (sending || !setup) {
    return;
  }
  sending = true;
  try {
    for (const c of crossings.filter(x => x.status === 'void-waiting')) {
      const response = await fetch(`/api/races/${encodeURIComponent(c.race)}/passages/${c.id}/void`, {
        method: 'POST', headers: { 'Content-Type': 'application/json', ...authorization() },
        body: JSON.stringify({ reason: c.voidReason }),
      });
      if (response.ok || response.status === 404) {
        c.status = 'voided';
      } else if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429) {
        c.status = 'void-refused'; // race direction must void it
        c.errors = [await problem(response)];
      } else {
        throw new Error('void not answered: ' + response.status);
      }
      await save(c);
    }
    const byRace = {};
    crossings.filter(c => c.status === 'waiting').sort((a, b) => a.at - b.at)
      .forEach(c => (byRace[c.race] = byRace[c.race] || []).push(c));
    for (const [race, list] of Object.entries(byRace)) {
      for (let i = 0; i < list.length; i += 500) {
        const batch = list.slice(i, i + 500);
        const offset = clock ? Math.round(clock.offsetMs) : 0;
        const response = await fetch(`/api/races/${encodeURIComponent(race)}/passages/batch`, {
          method: 'POST', headers: { 'Content-Type': 'application/json', ...authorization() },
          body: JSON.stringify(batch.map(c => ({ id: c.id, car: c.car, point: c.point, time: c.time, device: c.device,
            source: c.source, clockOffsetMs: c.clockOffsetMs == null ? offset : c.clockOffsetMs, precisionMs: c.precisionMs ?? undefined,
            clockUncertaintyMs: c.clockUncertaintyMs ?? undefined }))),
        });
        if (!response.ok) {
          $('send-state').textContent = t().refused(await problem(response));
          backoffMs = Math.min(Math.max(backoffMs * 2, 2000), 60000);
          sendSoon(backoffMs);
          return;
        }
        const answer = await response.json();
        for (let k = 0; k < batch.length; k++) {
          const c = batch[k];
          const r = answer.results[k];
          c.status = { CREATED: 'sent', DUPLICATE: 'duplicate', CONFLICT: 'conflict', INVALID: 'rejected' }[r.status] || 'rejected';
          c.errors = r.errors ? r.errors.map(e => (e.field ? e.field + ': ' : '') + e.message) : null;
          c.warnings = r.warnings || null;
          c.sentAt = Date.now();
          if (c.clockOffsetMs == null) {
            c.clockOffsetMs = offset;
          }
          await save(c);
        }
        store.set('lastAccepted', Date.now());
      }
    }
    backoffMs = 0;
    $('send-state').textContent = store.get('lastAccepted') ? t().lastAccepted(localTime(store.get('lastAccepted'))) : '';
  } catch (e) {
    // no network: everything stays queued; try again later, a little later each time
    backoffMs = Math.min(Math.max(backoffMs * 2, 1000), 30000);
    $('send-state').textContent = t().offline(Math.round(backoffMs / 1000));
    sendSoon(backoffMs);
    return;
  } finally {
    sending = false;
    render();
  }
  if (waitingOnes().length) {
    sendSoon(1000);
  }
}

async function problem(response) {
  let data = null;
  try { data = await response.json(); } catch (e) { data = null; }
  return problemOf(response.status, data).message;
}

// ---- clock: the device's offset against the server, round trip halved, the best of several samples

async function measureClock() {
  const samples = [];
  for (let i = 0; i < 5; i++) {
    try {
      const t0 = Date.now();
      const response = await fetch('/api/time', { cache: 'no-store' });
      const t1 = Date.now();
      if (!response.ok) {
        continue;
      }
      const server = Date.parse((await response.json()).serverTime);
      samples.push({ rttMs: t1 - t0, offsetMs: server - (t0 + t1) / 2 });
    } catch (e) {
      break;
    }
  }
  if (samples.length) {
    const best = samples.sort((a, b) => a.rttMs - b.rttMs)[0];
    clock = { offsetMs: best.offsetMs, rttMs: best.rttMs, at: Date.now() };
    store.set('clock', clock);
  }
  renderClock();
}

function renderClock() {
  const shown = $('clock');
  if (!clock) {
    shown.textContent = t().clockUnknown;
    shown.classList.add('warn');
    return;
  }
  const ms = Math.round(clock.offsetMs);
  const uncertainty = phoneUncertainty() ?? 0;
  const leg = currentLeg();
  const point = leg && leg.timingPoints.find(p => p.id === setup.point);
  const bad = Math.abs(ms) > 500;
  const pcAtRisk = !!(point && point.pcLine) && uncertainty > 10;
  shown.textContent = bad ? t().clockBad(ms) : pcAtRisk ? t().clockOk(ms, uncertainty) + ' ' + t().clockPc(uncertainty) : t().clockOk(ms, uncertainty);
  shown.classList.toggle('warn', bad || pcAtRisk);
}

// ---- what the timekeeper sees

const localTime = ms => {
  const d = new Date(ms);
  return d.toLocaleTimeString(lang === 'it' ? 'it-IT' : 'en-GB', { hour12: false }) + '.' + String(d.getMilliseconds()).padStart(3, '0');
};

function button(label, aria, action) {
  return el('button', { type: 'button', class: 'small', 'aria-label': aria, onclick: action }, label);
}

function render() {
  document.documentElement.lang = lang;
  document.querySelectorAll('[data-i18n]').forEach(e => { e.textContent = t()[e.dataset.i18n]; });
  $('lang').textContent = lang === 'it' ? 'EN' : 'IT';
  $('lang').setAttribute('aria-label', t().langSwitch);
  if (!setup || $('capture').hidden) {
    return;
  }
  const here = atThisPost();
  const waiting = waitingOnes().length;
  const unnumbered = crossings.filter(c => c.status === 'new').length;
  $('queue').textContent = (waiting ? t().waiting(waiting) : t().allSent) + (unnumbered ? ' · ' + t().toNumber(unnumbered) : '');
  const numbered = here.filter(c => c.car != null).sort((a, b) => b.at - a.at)[0];
  const next = numbered ? numbered.car + 1 : null;
  $('next-line').hidden = next == null;
  $('next-car').textContent = next == null ? '' : String(next);
  if (next == null) {
    $('next-car').removeAttribute('aria-label');
  } else {
    $('next-car').setAttribute('aria-label', `${t().nextExpected}: ${next}`);
  }
  const target = editing && crossings.find(c => c.id === editing);
  $('editing').textContent = target ? t().editing(localTime(target.at)) : '';
  const list = $('crossings');
  fill(list);
  for (const c of here.slice(0, 50)) {
    const li = el('li', { 'data-id': c.id, 'data-status': c.status, class: c.status + (editing === c.id ? ' editing' : '') });
    const time = el('span', { class: 'time' }, localTime(c.at), c.point !== setup.point ? ' · ' + c.point : '');
    const car = el('span', { class: 'carno' }, c.car == null ? '—' : '#' + c.car);
    const state = el('span', { class: 'state ' + c.status },
      t().states[c.status] + [...(c.errors || []), ...(c.warnings || [])].map(m => ' · ' + m).join(''));
    const actions = el('span', { class: 'actions' });
    const when = localTime(c.at);
    if (['new', 'waiting', 'rejected', 'conflict'].includes(c.status)) {
      actions.append(button(t().edit, `${t().edit} ${when}`, () => startEditing(c.id)),
        button(t().del, `${t().del} ${when}`, () => deleteCrossing(c.id)));
    } else if (c.status === 'sent' || c.status === 'duplicate') {
      actions.append(button(t().correct, `${t().correct} ${when}`, () => startEditing(c.id)));
    }
    li.append(time, car, actions, state);
    list.append(li);
  }
  renderClock();
}

// ---- wiring

/** A key pressed in a field or on a button is that control's; the Car field handles its own space and Enter. */
function isTyping(target) {
  return target && ['INPUT', 'TEXTAREA', 'SELECT', 'BUTTON'].includes(target.tagName);
}

/** A link with a token (#token=…) sets a post up anew; the token leaves the address bar at once. */
/**
 * A link race direction handed out (…/timekeeper/#token=…, its QR code on the post's sheet): the token, and when the link
 * names them the race, leg, point and device, the whole post, set up at once once the race is known here.
 */
let linkedPost = null;
function takeTokenFromLink() {
  const hash = new URLSearchParams(location.hash.slice(1));
  if (!hash.get('token')) {
    return false;
  }
  const post = { token: hash.get('token'), race: hash.get('race'), leg: Number(hash.get('leg')), point: hash.get('point'),
    device: hash.get('device') };
  linkedPost = post.race && post.leg && post.point && post.device ? post : null;
  $('token').value = post.token;
  $('device').value = '';
  setup = null;
  store.set('setup', null);
  history.replaceState(null, '', location.pathname);
  tokenChanged();
  return true;
}

/** The post a link named, set up, when its race is one this app knows; true when it was. */
function setUpLinkedPost() {
  if (!linkedPost || !races.some(r => r.id === linkedPost.race)) {
    return false;
  }
  setup = linkedPost;
  linkedPost = null;
  store.set('setup', setup);
  return true;
}

async function main() {
  takeTokenFromLink();
  db = await openDb();
  await load();
  await loadRaces();

  $('lang').addEventListener('click', () => {
    lang = lang === 'it' ? 'en' : 'it';
    store.set('lang', lang);
    render();
    renderInstruments();
    if (!$('setup').hidden) {
      showSetup();
    }
  });
  $('race').addEventListener('change', () => fillLegs(null));
  $('leg').addEventListener('change', () => fillPoints(null));
  $('token').addEventListener('input', tokenChanged);
  $('setup-form').addEventListener('submit', start);
  $('change-post').addEventListener('click', () => showSetup());
  $('crossing').addEventListener('pointerdown', e => { e.preventDefault(); stamp(pressedAt(e), 'MANUAL'); });
  $('crossing').addEventListener('click', e => { if (e.detail === 0) { stamp(pressedAt(e), 'MANUAL'); } });
  $('car-form').addEventListener('submit', e => { e.preventDefault(); });
  $('car').addEventListener('keydown', e => {
    if ((e.key === 'Enter' || e.key === ' ') && $('car').value.trim() === '') {
      e.preventDefault();
      stamp(pressedAt(e), 'HOSE'); // a pedal or a hose interface that types a key
    } else if (e.key === 'Enter') {
      e.preventDefault();
      numberCrossing($('car').value.trim());
    }
  });
  $('save-car').addEventListener('click', () => numberCrossing($('car').value.trim()));
  setUpInstruments({
    t, store, localTime, record, setup: () => setup, race: currentRace, leg: currentLeg,
    known: (point, at) => crossings.some(c => c.race === setup.race && c.point === point && Math.abs(c.at - at) < 0.5),
    numberAt: async (point, at, car) => {
      const found = crossings.find(c => c.race === setup.race && c.point === point && Math.abs(c.at - at) < 0.5 && c.status === 'new');
      if (!found) {
        return false;
      }
      editing = found.id;
      await numberCrossing(String(car));
      return true;
    },
  });
  $('next-car').addEventListener('click', () => numberCrossing($('next-car').textContent));
  $('send-now').addEventListener('click', () => { backoffMs = 0; sendSoon(); });
  document.addEventListener('keydown', e => {
    if (!$('capture').hidden && e.key === ' ' && !isTyping(e.target)) {
      e.preventDefault();
      stamp(pressedAt(e), 'HOSE');
    }
  });
  window.addEventListener('online', () => { backoffMs = 0; sendSoon(); measureClock(); });
  window.addEventListener('hashchange', () => {
    if (takeTokenFromLink()) {
      if (setUpLinkedPost()) {
        showCapture();
        measureClock();
      } else {
        showSetup();
      }
    }
  });

  render();
  setUpLinkedPost();
  if (setup && setup.token) {
    showCapture();
    measureClock();
    sendSoon();
  } else {
    tokenChanged();
    showSetup();
  }
  setInterval(() => { if (navigator.onLine) { measureClock(); } }, 5 * 60 * 1000);
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('sw.js').catch(() => {});
  }
}

main();
