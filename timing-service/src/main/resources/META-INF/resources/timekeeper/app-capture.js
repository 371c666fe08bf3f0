// The timekeeper app's capture screen: each crossing stamped at the press, to the millisecond, numbered now or later,
// corrected after it was sent; and what the timekeeper sees of them (the status line, the next car expected, the last
// crossings at this post with their state and the server's reasons). The outbox (app-outbox.js) keeps and sends them.
import { el, fill } from '/shared/page.js';
import { phoneUncertainty, renderClock } from './app-clock.js';
import { $, currentLeg, currentRace, localTime, state, t } from './app-core.js';
import { remove, save, sendSoon, waitingOnes } from './app-outbox.js';
import { renderInstruments } from './instruments.js';

export function showCapture() {
  $('setup').hidden = true;
  $('capture').hidden = false;
  const race = currentRace();
  const leg = currentLeg();
  const point = leg && leg.timingPoints.find(p => p.id === state.setup.point);
  $('post-name').textContent = `${race ? race.name || race.id : state.setup.race} · ${t().leg} ${state.setup.leg} · ${state.setup.point}`
    + `${point && point.town ? ' (' + point.town + ')' : ''} · ${state.setup.device}`;
  render();
  renderInstruments();
  $('car').focus();
}

// ---- capture: the time of the press, to the millisecond

/**
 * A crossing at this post: at {@code atMs}, at {@code point} (this post's, or a chronometer channel's), numbered when
 * {@code car} is given; with how good its time is.
 */
export function record({ point, at, car = null, source, precisionMs, clockUncertaintyMs, clockOffsetMs, typed, flags }) {
  const crossing = {
    id: crypto.randomUUID(), race: state.setup.race, post: state.setup.point, point: point || state.setup.point, device: state.setup.device, source,
    at, time: new Date(Math.floor(at)).toISOString(), car, status: car == null ? 'new' : 'waiting',
    clockOffsetMs: clockOffsetMs === undefined ? (state.clock ? Math.round(state.clock.offsetMs) : null) : clockOffsetMs,
    precisionMs, clockUncertaintyMs, typed, warnings: flags && flags.length ? flags : null,
  };
  state.crossings.unshift(crossing);
  state.crossings.sort((a, b) => b.at - a.at);
  render();
  const saved = save(crossing);
  if (car != null) {
    saved.then(() => sendSoon());
  }
  return saved;
}

/** The press of the button (a thumb: 100 ms spread) or of a key (a pedal, a hose interface: 10 ms), at the phone's clock. */
export function stamp(atMs, source) {
  return record({ at: atMs, source, precisionMs: source === 'MANUAL' ? 100 : 10, clockUncertaintyMs: phoneUncertainty() });
}

/** The crossings taken at this post (a chronometer's channels may put them at other points of the leg). */
const atThisPost = () => state.crossings.filter(c => c.race === state.setup.race && (c.post || c.point) === state.setup.point);

// the event's own timestamp (when the finger came down), on the clock the page was loaded with
export const pressedAt = event => performance.timeOrigin + (event && event.timeStamp ? event.timeStamp : performance.now());

export async function numberCrossing(raw) {
  $('car-error').textContent = '';
  const car = Number(raw);
  if (!/^\d+$/.test(raw) || car < 1) {
    $('car-error').textContent = t().badCar;
    return;
  }
  let target = state.editing ? state.crossings.find(c => c.id === state.editing) : null;
  if (!target) {
    target = atThisPost().filter(c => c.status === 'new').sort((a, b) => a.at - b.at)[0];
  }
  if (!target) {
    $('car-error').textContent = t().noCrossing;
    return;
  }
  state.editing = null;
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
    state.crossings.unshift(corrected);
    state.crossings.sort((a, b) => b.at - a.at);
  }
  render();
  sendSoon();
}

async function deleteCrossing(id) {
  const c = state.crossings.find(x => x.id === id);
  if (!c || !['new', 'waiting', 'rejected', 'conflict'].includes(c.status)) {
    return;
  }
  state.crossings = state.crossings.filter(x => x.id !== id);
  if (state.editing === id) {
    state.editing = null;
  }
  await remove(id);
  render();
}

function startEditing(id) {
  state.editing = state.editing === id ? null : id;
  render();
  $('car').focus();
}

// ---- what the timekeeper sees

function button(label, aria, action) {
  return el('button', { type: 'button', class: 'small', 'aria-label': aria, onclick: action }, label);
}

export function render() {
  document.documentElement.lang = state.lang;
  document.querySelectorAll('[data-i18n]').forEach(e => { e.textContent = t()[e.dataset.i18n]; });
  $('lang').textContent = state.lang === 'it' ? 'EN' : 'IT';
  $('lang').setAttribute('aria-label', t().langSwitch);
  if (!state.setup || $('capture').hidden) {
    return;
  }
  const here = atThisPost();
  const waiting = waitingOnes().length;
  const unnumbered = state.crossings.filter(c => c.status === 'new').length;
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
  const target = state.editing && state.crossings.find(c => c.id === state.editing);
  $('editing').textContent = target ? t().editing(localTime(target.at)) : '';
  const list = $('crossings');
  fill(list);
  for (const c of here.slice(0, 50)) {
    const li = el('li', { 'data-id': c.id, 'data-status': c.status, class: c.status + (state.editing === c.id ? ' editing' : '') });
    const time = el('span', { class: 'time' }, localTime(c.at), c.point !== state.setup.point ? ' · ' + c.point : '');
    const car = el('span', { class: 'carno' }, c.car == null ? '—' : '#' + c.car);
    const status = el('span', { class: 'state ' + c.status },
      t().states[c.status] + [...(c.errors || []), ...(c.warnings || [])].map(m => ' · ' + m).join(''));
    const actions = el('span', { class: 'actions' });
    const when = localTime(c.at);
    if (['new', 'waiting', 'rejected', 'conflict'].includes(c.status)) {
      actions.append(button(t().edit, `${t().edit} ${when}`, () => startEditing(c.id)),
        button(t().del, `${t().del} ${when}`, () => deleteCrossing(c.id)));
    } else if (c.status === 'sent' || c.status === 'duplicate') {
      actions.append(button(t().correct, `${t().correct} ${when}`, () => startEditing(c.id)));
    }
    li.append(time, car, actions, status);
    list.append(li);
  }
  renderClock();
}
