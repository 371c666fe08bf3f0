// The timekeeper app's clock: the phone's offset against the server's, measured at the start and every five minutes,
// and how far it may be off; shown with a warning when a crossing's time could be off by more than it may.
import { $, currentLeg, state, store, t } from './app-core.js';
import { sampleClock } from './clock-sample.js';

// ---- clock: the device's offset against the server, round trip halved, the best of several samples

/** The phone's clock: how far it may be from the server's (half the round trip of its offset measurement), or null. */
export const phoneUncertainty = () => (state.clock && state.clock.rttMs != null ? Math.round(state.clock.rttMs / 2) : null);

export async function measureClock() {
  const measured = await sampleClock();
  if (measured) {
    state.clock = measured;
    store.set('clock', state.clock);
  }
  renderClock();
}

export function renderClock() {
  const shown = $('clock');
  if (!state.clock) {
    shown.textContent = t().clockUnknown;
    shown.classList.add('warn');
    return;
  }
  const ms = Math.round(state.clock.offsetMs);
  const uncertainty = phoneUncertainty() ?? 0;
  const leg = currentLeg();
  const point = leg && leg.timingPoints.find(p => p.id === state.setup.point);
  const bad = Math.abs(ms) > 500;
  const pcAtRisk = !!(point && point.pcLine) && uncertainty > 10;
  shown.textContent = bad ? t().clockBad(ms) : pcAtRisk ? t().clockOk(ms, uncertainty) + ' ' + t().clockPc(uncertainty) : t().clockOk(ms, uncertainty);
  shown.classList.toggle('warn', bad || pcAtRisk);
}
