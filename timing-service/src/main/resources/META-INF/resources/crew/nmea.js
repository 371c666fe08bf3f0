// What a GNSS receiver says over its serial port (NMEA 0183), read as the crew app takes it: each sentence's checksum
// checked, RMC (time, date, position, speed, course) and GGA (time, position, fix quality, HDOP) read, whatever the
// talker (GP GPS, GL GLONASS, GA Galileo, BD/GB BeiDou, GQ QZSS, GI NavIC, GN several), and the two sentences of one
// epoch put together into one fix. No DOM here: the app feeds it lines, from the serial port or from a test.

/** Knots to metres a second (1 kn = 1852 m / 3600 s). */
export const KNOT_MS = 1852 / 3600;

/**
 * The user equivalent range error: the horizontal accuracy of a fix is its GGA HDOP times this, in metres. 5 m is a
 * single-frequency receiver's without corrections (the range error budget of the GPS Standard Positioning Service,
 * a few metres); a receiver that does better is said to do so by a smaller HDOP, never by a better UERE.
 */
export const UERE_M = 5;

const TALKERS = ['GP', 'GN', 'GL', 'GA', 'BD', 'GB', 'GQ', 'GI'];

/** The checksum of a sentence's body (between '$' and '*'): every character XORed, as two upper-case hex digits. */
export function checksumOf(body) {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    sum ^= body.charCodeAt(i);
  }
  return sum.toString(16).toUpperCase().padStart(2, '0');
}

/**
 * One line as a sentence: {talker, type, fields} (fields after the address, the checksum off), or {error} saying why not:
 * not a sentence, no checksum, a checksum that does not match. Surrounding blanks and CR/LF are ignored.
 */
export function sentence(line) {
  const text = String(line).trim();
  const m = /^\$([A-Z0-9]{2})([A-Z0-9]{3}),(.*)\*([0-9A-Fa-f]{2})$/.exec(text);
  if (!m) {
    return { error: /^\$[A-Z0-9]{5},/.test(text) && !text.includes('*') ? 'no checksum' : 'not an NMEA sentence' };
  }
  const expected = checksumOf(text.substring(1, text.lastIndexOf('*')));
  if (expected !== m[4].toUpperCase()) {
    return { error: `checksum ${m[4].toUpperCase()}, computed ${expected}` };
  }
  return { talker: m[1], type: m[2], fields: m[3].split(',') };
}

/** ddmm.mmmm with its hemisphere as signed degrees; null when empty. */
function angle(value, hemisphere, degreeDigits) {
  if (!value || !hemisphere) {
    return null;
  }
  const degrees = Number(value.substring(0, degreeDigits));
  const minutes = Number(value.substring(degreeDigits));
  if (!Number.isFinite(degrees) || !Number.isFinite(minutes) || minutes >= 60) {
    return null;
  }
  const v = degrees + minutes / 60;
  return hemisphere === 'S' || hemisphere === 'W' ? -v : v;
}

/** hhmmss.sss as {ms of the day, text}; null when empty or not a time. */
function timeOfDay(value) {
  const m = /^(\d{2})(\d{2})(\d{2})(?:\.(\d{1,3}))?/.exec(value || '');
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59 || Number(m[3]) > 60) {
    return null;
  }
  const ms = Number(((m[4] || '') + '000').substring(0, 3));
  return { ms: ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3])) * 1000 + ms, text: m[0] };
}

/** ddmmyy as the UTC midnight of that day in ms (years 80–99 are 1980–1999, the rest 2000–2079). */
function dateOf(value) {
  const m = /^(\d{2})(\d{2})(\d{2})$/.exec(value || '');
  if (!m) {
    return null;
  }
  const yy = Number(m[3]);
  return Date.UTC(yy >= 80 ? 1900 + yy : 2000 + yy, Number(m[2]) - 1, Number(m[1]));
}

const number = v => (v === undefined || v === '' ? null : Number.isFinite(Number(v)) ? Number(v) : null);

/**
 * A sentence read: an RMC as {kind: 'RMC', valid, timeOfDayMs, dateMs, lat, lon, speedMs, headingDeg}, a GGA as
 * {kind: 'GGA', valid, timeOfDayMs, lat, lon, quality, satellites, hdop}; {kind: 'OTHER'} for any other sentence of a
 * known talker; {error} for a line that is not a good sentence. {@code valid} is false when the receiver has no fix
 * (RMC status V or mode N, GGA quality 0, empty position fields).
 */
export function parse(line) {
  const s = sentence(line);
  if (s.error) {
    return s;
  }
  if (!TALKERS.includes(s.talker)) {
    return { error: `talker ${s.talker} is not a GNSS one` };
  }
  const f = s.fields;
  if (s.type === 'RMC') {
    const time = timeOfDay(f[0]);
    const lat = angle(f[2], f[3], 2);
    const lon = angle(f[4], f[5], 3);
    const mode = f[11] || '';
    const speed = number(f[6]);
    const course = number(f[7]);
    return { kind: 'RMC', talker: s.talker, valid: f[1] === 'A' && mode !== 'N' && time !== null && lat !== null && lon !== null,
      timeOfDayMs: time && time.ms, timeText: time && time.text, dateMs: dateOf(f[8]), lat, lon,
      speedMs: speed === null ? null : speed * KNOT_MS, headingDeg: course === null ? null : course % 360 };
  }
  if (s.type === 'GGA') {
    const time = timeOfDay(f[0]);
    const lat = angle(f[1], f[2], 2);
    const lon = angle(f[3], f[4], 3);
    const quality = number(f[5]) ?? 0;
    return { kind: 'GGA', talker: s.talker, valid: quality > 0 && time !== null && lat !== null && lon !== null,
      timeOfDayMs: time && time.ms, timeText: time && time.text, lat, lon, quality, satellites: number(f[6]), hdop: number(f[7]) };
  }
  return { kind: 'OTHER', talker: s.talker, type: s.type };
}

const DAY_MS = 86400000;

/** A time of day as the instant closest to {@code nowMs} (the phone's clock): GGA carries no date. */
export function nearestInstant(timeOfDayMs, nowMs) {
  const midnight = Math.floor(nowMs / DAY_MS) * DAY_MS;
  return [midnight - DAY_MS, midnight, midnight + DAY_MS].map(d => d + timeOfDayMs)
    .reduce((best, t) => (Math.abs(t - nowMs) < Math.abs(best - nowMs) ? t : best));
}

/**
 * Puts a receiver's sentences together into fixes, one an epoch: the RMC and GGA of one time of day (in either order)
 * make one fix {time, lat, lon, speedMs, headingDeg, accuracyM, source: 'NMEA'}, given to {@code onFix} when the epoch is
 * complete (both came) or over (a sentence of another epoch came). The time is the receiver's (RMC date and time; for a
 * GGA alone, its time of day on the date {@code now()} makes nearest); the position the RMC's (else the GGA's); the
 * accuracy the GGA's HDOP times {@link UERE_M}. An epoch without a valid sentence makes no fix. {@code onBad} hears
 * each line that is not a good sentence (a checksum that does not match: noise on the cable).
 */
export function fixer(onFix, { now = () => Date.now(), onBad = () => {} } = {}) {
  let epoch = null; // {timeOfDayMs, rmc, gga}
  const flush = () => {
    if (!epoch) {
      return;
    }
    const { rmc, gga } = epoch;
    epoch = null;
    const base = rmc && rmc.valid ? rmc : gga && gga.valid ? gga : null;
    if (!base) {
      return;
    }
    const time = rmc && rmc.valid && rmc.dateMs !== null ? rmc.dateMs + rmc.timeOfDayMs : nearestInstant(base.timeOfDayMs, now());
    const accuracy = gga && gga.valid && gga.hdop ? Math.round(gga.hdop * UERE_M * 10) / 10 : null;
    onFix({ time: new Date(time).toISOString(), lat: round(base.lat, 7), lon: round(base.lon, 7),
      speedMs: rmc && rmc.valid && rmc.speedMs !== null ? round(rmc.speedMs, 2) : null,
      headingDeg: rmc && rmc.valid && rmc.headingDeg !== null ? rmc.headingDeg : null,
      accuracyM: accuracy, source: 'NMEA' });
  };
  const take = line => {
    const read = parse(line);
    if (read.error) {
      if (String(line).trim()) {
        onBad(line, read.error);
      }
      return;
    }
    if (read.kind !== 'RMC' && read.kind !== 'GGA') {
      return;
    }
    if (read.timeOfDayMs === null) {
      return; // a receiver without even a time: nothing to say
    }
    if (epoch && epoch.timeOfDayMs !== read.timeOfDayMs) {
      flush();
    }
    epoch = epoch || { timeOfDayMs: read.timeOfDayMs, rmc: null, gga: null };
    // several talkers may send one epoch (a SiRFstarV's GPGGA and GLGGA): the first of each kind counts
    if (read.kind === 'RMC' && !epoch.rmc) {
      epoch.rmc = read;
    } else if (read.kind === 'GGA' && !epoch.gga) {
      epoch.gga = read;
    }
    if (epoch.rmc && epoch.gga) {
      flush();
    }
  };
  take.flush = flush; // the last epoch, when the receiver stops sending
  return take;
}

function round(v, digits) {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
