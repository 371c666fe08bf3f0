// Race direction's console: what needs a decision, the decision with its reason and its effect shown first, and
// the trail of everything people did to the race; its office (office.js) sets the race up and defines the season's
// championships (office-season.js). Works against the four services with a race-direction token kept in this tab only (sessionStorage). An ES module in the project's one page
// style (shared/page.js), nothing loaded from elsewhere. This file signs in, switches the tabs and asks before each
// action; the views are direction-race.js (To decide, Trials) and direction-crew.js (Crew, Journal), the words
// direction-text.js.
import { call as request, claims, el, fill } from '/shared/page.js';
import { renderCrew, renderJournal, setUpCrew } from './direction-crew.js';
import { renderDecide, renderTrials, setUpRace } from './direction-race.js';
import { provide } from './direction-side.js';
import { TEXT } from './direction-text.js';
import { renderEntries } from './office-entries.js';
import { renderRoute, setUpOffice, startNewRace } from './office.js';
import { renderPosts } from './office-posts.js';
import { renderSeason, setUpSeason } from './office-season.js';

const TABS = ['decide', 'trials', 'crew', 'journal', 'route', 'entries', 'posts', 'season'];

const $ = id => document.getElementById(id);
const session = {
  get: k => sessionStorage.getItem('direction.' + k),
  set: (k, v) => (v == null ? sessionStorage.removeItem('direction.' + k) : sessionStorage.setItem('direction.' + k, v)),
};
let lang = localStorage.getItem('direction.lang') || ((navigator.language || 'en').toLowerCase().startsWith('it') ? 'it' : 'en');
const t = () => TEXT[lang];
let config = { routeUrl: '', timingUrl: '', championshipUrl: '' };
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
const championship = (method, path, body) => call(config.championshipUrl, method, path, body);
const raceId = () => session.get('race');
const r = path => `/api/races/${encodeURIComponent(raceId())}${path}`;

/**
 * Times in the race's time zone, as the posts, the lists and the server's words give them; the browser's zone when the
 * race has none, or one the browser does not know (route takes every zone Java knows, such as GMT+2).
 */
const zone = () => {
  const wanted = race && race.timeZone;
  if (!wanted) return undefined;
  try {
    new Intl.DateTimeFormat('en', { timeZone: wanted }); // throws for a zone the browser does not know
    return wanted;
  } catch (e) {
    return undefined;
  }
};
const when = iso => iso ? new Date(iso).toLocaleString(lang === 'it' ? 'it-IT' : 'en-GB', { hour12: false, timeZone: zone() }) : '';
const clock = iso => {
  if (!iso) {
    return '';
  }
  const d = new Date(iso);
  return d.toLocaleTimeString(lang === 'it' ? 'it-IT' : 'en-GB', { hour12: false, timeZone: zone() }) + '.'
    + String(d.getMilliseconds()).padStart(3, '0');
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
    } else if (name === 'season') {
      await renderSeason();
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
    say(''); // what the line said was in the other language
    if (!$('console').hidden) {
      showTab(tab);
    }
  });
  $('sign-in-form').addEventListener('submit', signIn);
  $('sign-out').addEventListener('click', () => { session.set('token', null); session.set('race', null); showSignIn(); });
  TABS.forEach(n => $('tab-' + n).addEventListener('click', () => showTab(n)));
  const side = {
    t, lang: () => lang, say, ask, act, when, clock, r, classification, route, timing, championship, raceId, race: () => race, loadRace,
    token: () => session.get('token'), routeUrl: () => config.routeUrl, championshipUrl: () => config.championshipUrl,
    reload: async () => { await loadRace(); await showTab(tab); },
    switchRace: async id => { session.set('race', id); await loadRace(); await showTab(tab); },
  };
  provide(side);
  setUpOffice(side);
  setUpSeason(side);
  setUpCrew();
  setUpRace();
  $('crew-form').addEventListener('submit', e => { e.preventDefault(); showTab('crew'); });
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
