// The timekeeper app's post: the token race direction gave (pasted, or in the link of the post's QR code), the race,
// leg, timing point and device chosen from the races this app knows (kept for offline use), and the post set up.
import { claims, el, fill } from '/shared/page.js';
import { showCapture } from './app-capture.js';
import { measureClock } from './app-clock.js';
import { $, state, store, t } from './app-core.js';

export async function loadRaces() {
  try {
    const response = await fetch('/api/races');
    if (response.ok) {
      state.races = await response.json();
      store.set('races', state.races);
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
  state.races.forEach(r => option(select, r.id, r.name ? `${r.name} (${r.id})` : r.id, chosen));
  fillLegs(state.setup && state.setup.leg);
}

export function fillLegs(chosen) {
  const race = state.races.find(r => r.id === $('race').value);
  const select = $('leg');
  fill(select);
  (race ? race.legs : []).forEach(l => option(select, String(l.number),
    `${l.number}. ${l.name || ''}${l.date ? ' · ' + l.date : ''}${l.laps > 1 ? ' · ' + t().circuit(l.laps) : ''}`,
    chosen == null ? null : String(chosen)));
  fillPoints(state.setup && state.setup.point);
}

export function fillPoints(chosen) {
  const race = state.races.find(r => r.id === $('race').value);
  const leg = race && race.legs.find(l => String(l.number) === $('leg').value);
  const select = $('point');
  fill(select);
  // on a circuit a post times every lap at its hose: the line is said, and the laps
  const line = leg && leg.laps > 1 ? leg.startPoint : null;
  (leg ? leg.timingPoints : []).forEach(p => option(select, p.id,
    `${p.id}${p.town ? ' — ' + p.town : ''}${p.km != null ? ', ' + t().km + ' ' + Number(p.km).toFixed(1) : ''}`
    + (line === p.id ? ' · ' + t().lapLine(leg.laps) : line ? ' · ' + t().everyLap(leg.laps) : ''), chosen));
}

export function showSetup() {
  $('setup').hidden = false;
  $('capture').hidden = true;
  $('token').value = state.setup ? state.setup.token : $('token').value;
  $('device').value = state.setup ? state.setup.device : $('device').value;
  fillRaces(state.setup && state.setup.race);
  if (!state.races.length) {
    $('setup-error').textContent = t().noRaces;
  }
}

export function tokenChanged() {
  const c = claims($('token').value.trim());
  if (c && c.device && c.device !== '*' && !$('device').value) {
    $('device').value = c.device;
  }
}

export async function start(event) {
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
  state.setup = chosen;
  store.set('setup', state.setup);
  $('setup-error').textContent = '';
  showCapture();
  measureClock();
}

// ---- a link with the token

/** A link with a token (#token=…) sets a post up anew; the token leaves the address bar at once. */
/**
 * A link race direction handed out (…/timekeeper/#token=…, its QR code on the post's sheet): the token, and when the link
 * names them the race, leg, point and device, the whole post, set up at once once the race is known here.
 */
let linkedPost = null;
export function takeTokenFromLink() {
  const hash = new URLSearchParams(location.hash.slice(1));
  if (!hash.get('token')) {
    return false;
  }
  const post = { token: hash.get('token'), race: hash.get('race'), leg: Number(hash.get('leg')), point: hash.get('point'),
    device: hash.get('device') };
  linkedPost = post.race && post.leg && post.point && post.device ? post : null;
  $('token').value = post.token;
  $('device').value = '';
  state.setup = null;
  store.set('setup', null);
  history.replaceState(null, '', location.pathname);
  tokenChanged();
  return true;
}

/** The post a link named, set up, when its race is one this app knows; true when it was. */
export function setUpLinkedPost() {
  if (!linkedPost || !state.races.some(r => r.id === linkedPost.race)) {
    return false;
  }
  state.setup = linkedPost;
  linkedPost = null;
  store.set('setup', state.setup);
  return true;
}
