// The timekeeper app: a timing post on a phone. Every crossing is stamped at the press, kept in IndexedDB
// before anything else happens, numbered (now or later), and sent in batches with the id made at the press,
// so a retry is answered DUPLICATE and never stored twice. An ES module in the project's one page style
// (shared/page.js, kept offline by the service worker), nothing loaded from elsewhere. This file wires the page; the
// post and its token are app-post.js, the capture screen app-capture.js, the outbox app-outbox.js, the clock
// app-clock.js, what they share app-core.js, the words app-text.js, the chronometer and the strip instruments.js.
import { numberCrossing, pressedAt, record, render, showCapture, stamp } from './app-capture.js';
import { measureClock } from './app-clock.js';
import { $, currentLeg, currentRace, localTime, state, store, t } from './app-core.js';
import { openQueue, sendNow, sendSoon, whenSent } from './app-outbox.js';
import { fillLegs, fillPoints, loadRaces, setUpLinkedPost, showSetup, start, takeTokenFromLink, tokenChanged } from './app-post.js';
import { renderInstruments, setUpInstruments } from './instruments.js';

// ---- wiring

whenSent(render); // the outbox knows nothing of the screen: it says when a sending ended

/** A key pressed in a field or on a button is that control's; the Car field handles its own space and Enter. */
function isTyping(target) {
  return target && ['INPUT', 'TEXTAREA', 'SELECT', 'BUTTON'].includes(target.tagName);
}

async function main() {
  takeTokenFromLink();
  await openQueue();
  await loadRaces();

  $('lang').addEventListener('click', () => {
    state.lang = state.lang === 'it' ? 'en' : 'it';
    store.set('lang', state.lang);
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
    t, store, localTime, record, setup: () => state.setup, race: currentRace, leg: currentLeg,
    known: (point, at) => state.crossings.some(c => c.race === state.setup.race && c.point === point && Math.abs(c.at - at) < 0.5),
    numberAt: async (point, at, car) => {
      const found = state.crossings.find(c => c.race === state.setup.race && c.point === point && Math.abs(c.at - at) < 0.5 && c.status === 'new');
      if (!found) {
        return false;
      }
      state.editing = found.id;
      await numberCrossing(String(car));
      return true;
    },
  });
  $('next-car').addEventListener('click', () => numberCrossing($('next-car').textContent));
  $('send-now').addEventListener('click', () => sendNow());
  document.addEventListener('keydown', e => {
    if (!$('capture').hidden && e.key === ' ' && !isTyping(e.target)) {
      e.preventDefault();
      stamp(pressedAt(e), 'HOSE');
    }
  });
  window.addEventListener('online', () => { sendNow(); measureClock(); });
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
  if (state.setup && state.setup.token) {
    showCapture();
    measureClock();
    sendSoon();
  } else {
    tokenChanged();
    showSetup();
  }
  setInterval(() => { if (navigator.onLine) { measureClock(); } }, 5 * 60 * 1000);
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('sw.js', { updateViaCache: 'none' }).catch(() => {}); // the shell it imports checked too
  }
}

main();
