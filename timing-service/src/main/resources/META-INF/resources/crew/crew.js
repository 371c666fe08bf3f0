// The crew app: the car's own positions for the race's timing. Enrolled by the link of the crew sheet's QR code
// (…/crew/#token=…&race=…&car=…&device=…: a crew token for one race and one car), it records fixes from the phone
// (watchPosition, high accuracy, the screen kept on) or from a GNSS receiver over USB (NMEA, Web Serial), keeps each in
// IndexedDB at once and sends them in batches whenever there is network (crew-outbox.js). It says plainly when
// positions stopped coming. An ES module of the timekeeper app's family: its styles, its clock measurement
// (../timekeeper/clock-sample.js) and its serial reader (../timekeeper/chrono.js) are shared, not copied.
import { claims, fill } from '/shared/page.js';
import { readSerial } from '../timekeeper/chrono.js';
import { sampleClock } from '../timekeeper/clock-sample.js';
import { keep, onChange, openOutbox, outbox, sendNow } from './crew-outbox.js';
import { TEXT } from './crew-text.js';
import { fixer } from './nmea.js';

const $ = id => document.getElementById(id);
const store = {
  get: key => { try { return JSON.parse(localStorage.getItem('crew.' + key)); } catch (e) { return null; } },
  set: (key, value) => localStorage.setItem('crew.' + key, JSON.stringify(value)),
};

/** Seconds without a position before the app says the positions stopped: the phone's, and a receiver's (1–10 Hz). */
const NO_FIX_S = { PHONE: 10, NMEA: 5 };

const state = {
  lang: store.get('lang') || ((navigator.language || 'en').toLowerCase().startsWith('it') ? 'it' : 'en'),
  setup: store.get('setup'),        // {token, race, car, device, exp}
  recording: !!store.get('recording'),
  clock: store.get('clock'),        // {offsetMs, rttMs, at}
  races: store.get('races') || [],
  last: null,                       // the last fix kept, and when it came: {fix, at}
  startedAt: null,                  // when recording (re)started, for the first position's wait
  problem: null,                    // 'denied' | 'unavailable' | null
  wakeLock: null, wakeLockFailed: false,
  watch: null,
  receiver: null,                   // the function that closes the serial port, while one is connected
  receiverLost: null, badSentences: 0,
};
const t = () => TEXT[state.lang];

// ---- enrolment: the link of the crew sheet's QR code, or its token pasted

function setupFrom(token, hash) {
  const c = claims(token);
  if (!c) {
    return { error: t().badLink };
  }
  const car = Number((hash && hash.get('car')) || c.car);
  const race = (hash && hash.get('race')) || (Array.isArray(c.races) && c.races.length === 1 ? c.races[0] : null);
  if (!Number.isInteger(car) || car < 1 || !race || race === '*') {
    return { error: t().notCrew };
  }
  return { token, race, car, device: (hash && hash.get('device')) || c.device || c.sub || '', exp: c.exp || null };
}

/** A link with a token (#token=…) enrols the phone; the token leaves the address bar at once. */
function takeLink() {
  const hash = new URLSearchParams(location.hash.slice(1));
  if (!hash.get('token')) {
    return;
  }
  history.replaceState(null, '', location.pathname);
  const setup = setupFrom(hash.get('token'), hash);
  if (setup.error) {
    $('enrol-error').textContent = setup.error;
    return;
  }
  enrol(setup);
}

function enrol(setup) {
  if (state.setup && (state.setup.race !== setup.race || state.setup.car !== setup.car)) {
    stopRecording();
  }
  state.setup = setup;
  store.set('setup', setup);
}

async function enrolFromForm(event) {
  event.preventDefault();
  const typed = $('link').value.trim();
  const hashAt = typed.indexOf('#');
  const hash = hashAt >= 0 ? new URLSearchParams(typed.slice(hashAt + 1)) : null;
  const setup = setupFrom(hash ? hash.get('token') || '' : typed, hash);
  if (setup.error) {
    $('enrol-error').textContent = setup.error;
    return;
  }
  $('enrol-error').textContent = '';
  enrol(setup);
  await showCar();
}

// ---- the phone's position

function phoneFix(position) {
  const c = position.coords;
  const offset = state.clock ? Math.round(state.clock.offsetMs) : 0;
  const finite = v => v !== null && v !== undefined && Number.isFinite(v);
  return {
    time: new Date(Math.round(position.timestamp + offset)).toISOString(),
    lat: Math.round(c.latitude * 1e7) / 1e7, lon: Math.round(c.longitude * 1e7) / 1e7,
    speedMs: finite(c.speed) && c.speed >= 0 && c.speed <= 150 ? Math.round(c.speed * 100) / 100 : null,
    headingDeg: finite(c.heading) && c.heading >= 0 ? Math.round((c.heading % 360) * 10) / 10 % 360 : null,
    accuracyM: finite(c.accuracy) && c.accuracy > 0 ? Math.min(Math.round(c.accuracy * 10) / 10 || 0.1, 10000) : null,
    source: 'PHONE',
  };
}

async function record(fix) {
  if (!state.recording || !(Math.abs(fix.lat) <= 90 && Math.abs(fix.lon) <= 180)) {
    return;
  }
  state.last = { fix, at: Date.now() };
  state.problem = null;
  await keep(fix);
  render();
}

function watchPhone() {
  if (state.watch !== null || state.receiver || !state.recording) {
    return;
  }
  if (!('geolocation' in navigator)) {
    state.problem = 'unavailable';
    render();
    return;
  }
  state.watch = navigator.geolocation.watchPosition(p => record(phoneFix(p)), error => {
    state.problem = error.code === 1 ? 'denied' : null; // a timeout or no signal: said by the watchdog below
    render();
  }, { enableHighAccuracy: true, maximumAge: 0, timeout: 30000 });
}

function unwatchPhone() {
  if (state.watch !== null) {
    navigator.geolocation.clearWatch(state.watch);
    state.watch = null;
  }
}

// ---- the screen kept on while recording

async function keepScreenOn() {
  if (!state.recording || document.visibilityState !== 'visible' || state.wakeLock) {
    return;
  }
  if (!('wakeLock' in navigator)) {
    state.wakeLockFailed = true;
    render();
    return;
  }
  try {
    state.wakeLock = await navigator.wakeLock.request('screen');
    state.wakeLockFailed = false;
    state.wakeLock.addEventListener('release', () => { state.wakeLock = null; });
  } catch (e) {
    state.wakeLockFailed = true;
  }
  render();
}

function startRecording() {
  state.recording = true;
  state.startedAt = Date.now();
  state.problem = null;
  store.set('recording', true);
  watchPhone();
  keepScreenOn();
  render();
}

function stopRecording() {
  state.recording = false;
  store.set('recording', false);
  unwatchPhone();
  if (state.wakeLock) {
    state.wakeLock.release().catch(() => {});
    state.wakeLock = null;
  }
  render();
}

// ---- a GNSS receiver on the serial port

async function toggleReceiver() {
  if (state.receiver) {
    const close = state.receiver;
    state.receiver = null;
    await close();
    watchPhone();
    render();
    return;
  }
  try {
    const port = await navigator.serial.requestPort();
    const take = fixer(fix => record(fix), { now: () => Date.now() + (state.clock ? state.clock.offsetMs : 0),
      onBad: () => { state.badSentences++; } });
    state.badSentences = 0;
    state.receiver = await readSerial(port, Number($('receiver-speed').value), take, error => {
      take.flush();
      state.receiver = null;
      state.receiverLost = error ? (error.message || String(error)) : null;
      watchPhone(); // the phone's position meanwhile
      render();
    });
    state.receiverLost = null;
    store.set('receiverSpeed', $('receiver-speed').value);
    unwatchPhone(); // one source at a time: the receiver's positions, timed by its own clock
  } catch (e) {
    state.receiverLost = e.message || String(e);
  }
  render();
}

// ---- the screen

const when = ms => new Date(ms).toLocaleTimeString(state.lang === 'it' ? 'it-IT' : 'en-GB', { hour12: false });
const whenDay = s => new Date(s * 1000).toLocaleString(state.lang === 'it' ? 'it-IT' : 'en-GB',
  { hour12: false, day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

function positionLine() {
  if (!state.recording) {
    return { text: t().notRecording, level: 'warn' };
  }
  if (state.problem === 'denied') {
    return { text: t().denied, level: 'bad' };
  }
  if (state.problem === 'unavailable' && !state.receiver) {
    return { text: t().noGeolocation, level: 'bad' };
  }
  const source = state.receiver ? 'NMEA' : 'PHONE';
  const from = source === 'NMEA' ? t().theReceiver : t().thePhone;
  const since = state.last ? state.last.at : state.startedAt || Date.now();
  const quiet = Math.floor((Date.now() - since) / 1000);
  const extra = state.wakeLockFailed ? ' ' + t().wakeLockOff : '';
  if (quiet >= NO_FIX_S[source]) {
    return { text: t().noFix(from, quiet) + extra, level: 'bad' };
  }
  if (!state.last) {
    return { text: t().waitingFirst + extra, level: 'warn' };
  }
  return { text: t().recording(from, t().ago(quiet)) + extra, level: state.wakeLockFailed ? 'warn' : 'ok' };
}

function sendLine() {
  switch (outbox.state) {
    case 'offline': return t().offline(outbox.retryInS);
    case 'busy': return t().busy(outbox.retryInS);
    default:
      if (outbox.kept === 0 && outbox.sent > 0) {
        return t().allSent + (outbox.lastAcceptedAt ? ' ' + t().lastAccepted(when(outbox.lastAcceptedAt)) : '');
      }
      return outbox.lastAcceptedAt ? t().lastAccepted(when(outbox.lastAcceptedAt)) : '';
  }
}

function render() {
  document.documentElement.lang = state.lang;
  document.title = t().title;
  document.querySelectorAll('[data-i18n]').forEach(e => { e.textContent = t()[e.dataset.i18n]; });
  $('lang').textContent = state.lang === 'it' ? 'EN' : 'IT';
  $('lang').setAttribute('aria-label', t().langSwitch);
  if (!state.setup) {
    return;
  }
  const race = state.races.find(r => r.id === state.setup.race);
  $('car-name').textContent = t().car(state.setup.car);
  $('race-name').textContent = t().raceOf(race && race.name ? race.name : state.setup.race, state.setup.exp ? whenDay(state.setup.exp) : '');
  $('record').textContent = state.recording ? t().stopRecording : t().startRecording;
  $('record').setAttribute('aria-pressed', String(state.recording));
  const line = positionLine();
  $('position').textContent = line.text;
  $('position').className = 'position' + (line.level === 'ok' ? '' : ' ' + line.level);
  $('kept').textContent = String(outbox.kept);
  $('sent').textContent = String(outbox.sent);
  $('last-fix').textContent = state.last ? t().ago(Math.floor((Date.now() - state.last.at) / 1000)) : '—';
  $('accuracy').textContent = state.last && state.last.fix.accuracyM !== null ? t().metres(Math.round(state.last.fix.accuracyM)) : '—';
  $('send-state').textContent = sendLine();
  const errors = [];
  if (outbox.state === 'token') {
    errors.push(t().tokenGone, outbox.message);
  } else if (outbox.state === 'refused' && outbox.message) {
    errors.push(t().refused(outbox.message));
  }
  if (outbox.rejected) {
    errors.push(t().rejectedCount(outbox.rejected));
  }
  $('send-error').textContent = errors.filter(Boolean).join(' ');
  const serial = 'serial' in navigator;
  $('receiver-connect').hidden = !serial;
  $('receiver-connect').textContent = state.receiver ? t().disconnectReceiver : t().connectReceiver;
  $('receiver-state').textContent = !serial ? t().noSerial : state.receiver ? t().receiverConnected
    + (state.badSentences ? ' ' + t().badSentences(state.badSentences) : '') : state.receiverLost ? t().receiverLost(state.receiverLost) : t().receiverNone;
  $('clock').textContent = state.clock ? t().clockOk(Math.round(state.clock.offsetMs), Math.round(state.clock.rttMs / 2)) : t().clockUnknown;
}

async function showCar() {
  $('enrol').hidden = true;
  $('car-screen').hidden = false;
  await openOutbox({ token: state.setup.token, race: state.setup.race, car: state.setup.car, lang: () => state.lang });
  measureClock();
  if (state.recording) {
    startRecording(); // recording goes on after a reload, as it was
  }
  render();
}

function showEnrol() {
  $('enrol').hidden = false;
  $('car-screen').hidden = true;
  render();
}

async function measureClock() {
  const measured = await sampleClock();
  if (measured) {
    state.clock = measured;
    store.set('clock', measured);
    render();
  }
}

async function loadRaces() {
  try {
    const response = await fetch('/api/races');
    if (response.ok) {
      state.races = await response.json();
      store.set('races', state.races);
    }
  } catch (e) {
    // offline: the last list
  }
}

async function main() {
  onChange(render);
  $('lang').addEventListener('click', () => {
    state.lang = state.lang === 'it' ? 'en' : 'it';
    store.set('lang', state.lang);
    render();
  });
  $('enrol-form').addEventListener('submit', enrolFromForm);
  $('forget').addEventListener('click', () => {
    stopRecording();
    state.setup = null;
    store.set('setup', null);
    fill($('enrol-error'));
    $('link').value = '';
    showEnrol();
  });
  $('record').addEventListener('click', () => (state.recording ? stopRecording() : startRecording()));
  $('send-now').addEventListener('click', () => sendNow());
  $('receiver-connect').addEventListener('click', () => toggleReceiver());
  if (store.get('receiverSpeed')) {
    $('receiver-speed').value = store.get('receiverSpeed');
  }
  document.addEventListener('visibilitychange', () => keepScreenOn()); // a wake lock is released when the page is hidden
  window.addEventListener('online', () => { sendNow(); measureClock(); });
  window.addEventListener('hashchange', () => { takeLink(); if (state.setup) { showCar(); } });
  takeLink();
  render();
  if (state.setup) {
    await showCar();
  } else {
    showEnrol();
  }
  loadRaces().then(render);
  setInterval(render, 1000); // the last fix's age, and the warning when positions stopped
  setInterval(() => { if (navigator.onLine) { measureClock(); } }, 5 * 60 * 1000);
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('sw.js', { updateViaCache: 'none' }).catch(() => {}); // the shell it imports checked too
  }
}

main();
