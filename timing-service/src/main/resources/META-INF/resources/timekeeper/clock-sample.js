// The phone's clock against the server's, as every app of timing-service measures it (the timekeeper's post, the crew's
// car): a few round trips to /api/time, the one with the shortest round trip kept, its offset taken at its middle. No DOM.

/** {offsetMs, rttMs, at} (the server's clock minus the phone's, and the round trip it was measured over), or null offline. */
export async function sampleClock(samples = 5) {
  const taken = [];
  for (let i = 0; i < samples; i++) {
    try {
      const t0 = Date.now();
      const response = await fetch('/api/time', { cache: 'no-store' });
      const t1 = Date.now();
      if (!response.ok) {
        continue;
      }
      const server = Date.parse((await response.json()).serverTime);
      taken.push({ rttMs: t1 - t0, offsetMs: server - (t0 + t1) / 2 });
    } catch (e) {
      break;
    }
  }
  if (!taken.length) {
    return null;
  }
  const best = taken.sort((a, b) => a.rttMs - b.rttMs)[0];
  return { offsetMs: best.offsetMs, rttMs: best.rttMs, at: Date.now() };
}
