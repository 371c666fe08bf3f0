// What a timing post's chronometer says, read as the app takes it: the lines of its serial output (an ALGE Timy3, or
// any other through a pattern), the lines of its printed strip typed by hand, and a time of day in the race's time zone
// as an instant. No DOM here: the app feeds it lines, from the serial port or from a test, through the same functions.

/** The resolution of a time given with {@code decimals} digits after the second, in milliseconds (4 → 0.1, 2 → 10). */
export function precisionOf(decimals) {
  return [1000, 100, 10, 1, 0.1][Math.min(Math.max(decimals, 0), 4)];
}

const TIME = '(\\d{1,2}):(\\d{2}):(\\d{2})(?:[.,:](\\d{1,4}))?';

function timeOfDay(h, m, s, fraction) {
  const hours = Number(h);
  const minutes = Number(m);
  const seconds = Number(s);
  if (hours > 23 || minutes > 59 || seconds > 59) {
    return null;
  }
  const digits = fraction || '';
  return { hours, minutes, seconds, fraction: digits, decimals: digits.length,
    text: `${String(hours).padStart(2, '0')}:${m}:${s}${digits ? '.' + digits : ''}` };
}

/**
 * One line of an ALGE Timy3's RS-232 output ({@code yNNNNxCCCxHH:MM:SS.zhtq xGG RRRR}): {@code info} the first
 * character (blank, or ? m c d i n), {@code car} the start number (null for none or 0), {@code channel} c0…c8,
 * {@code manual} for a keypad impulse (c0M, c1M) or a time typed in ({@code i}), the time of day with its decimals. Null
 * for a line that is not an impulse (a running time, a header, noise).
 */
export function parseTimy(line) {
  const m = new RegExp(`^([ ?mcdinC])?\\s*(\\d{1,4})?\\s+([cC]\\d)(M)?\\s+${TIME}(?:\\s+\\d{2})?(?:\\s+\\d+)?\\s*$`).exec(line.replace(/\r|\n/g, ''));
  if (!m) {
    return null;
  }
  const time = timeOfDay(m[5], m[6], m[7], m[8]);
  if (!time) {
    return null;
  }
  const info = m[1] && m[1] !== ' ' ? m[1] : '';
  const car = m[2] && Number(m[2]) > 0 ? Number(m[2]) : null;
  return { info, car, channel: m[3].toLowerCase(), manual: !!m[4] || info === 'i', time };
}

/**
 * A parser for a chronometer described by a pattern: {@code {car}}, {@code {channel}} and {@code {time}} where they
 * are in the line, spaces standing for any blanks, everything else as written (e.g. "{car};{channel};{time}"). Throws
 * on a pattern without {time}.
 */
export function patternParser(pattern) {
  if (!pattern || !pattern.includes('{time}')) {
    throw new Error('the pattern must say where the time is: {time}');
  }
  const names = [];
  const source = pattern.trim().split(/(\{car\}|\{channel\}|\{time\})/).map(part => {
    if (part === '{car}') {
      names.push('car');
      return '(\\d{1,4})?';
    }
    if (part === '{channel}') {
      names.push('channel');
      return '(\\S+?)';
    }
    if (part === '{time}') {
      names.push('time');
      return TIME;
    }
    return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
  }).join('');
  const regex = new RegExp('^\\s*' + source + '\\s*$');
  return line => {
    const m = regex.exec(line.replace(/\r|\n/g, ''));
    if (!m) {
      return null;
    }
    let i = 1;
    const found = {};
    for (const name of names) {
      if (name === 'time') {
        found.time = timeOfDay(m[i], m[i + 1], m[i + 2], m[i + 3]);
        i += 4;
      } else {
        found[name] = m[i];
        i += 1;
      }
    }
    if (!found.time) {
      return null;
    }
    const channel = found.channel ? found.channel.replace(/M$/, '') : 'c0';
    return { info: '', car: found.car && Number(found.car) > 0 ? Number(found.car) : null, channel,
      manual: !!(found.channel && /M$/.test(found.channel)), time: found.time };
  };
}

/** One line of a printed strip as a timekeeper types it: "47 09:12:33.47" (car, then time of day), or null. */
export function parseStrip(line) {
  const m = new RegExp(`^\\s*(\\d{1,4})\\s+${TIME}\\s*$`).exec(line);
  if (!m || Number(m[1]) < 1) {
    return null;
  }
  const time = timeOfDay(m[2], m[3], m[4], m[5]);
  return time ? { car: Number(m[1]), time } : null;
}

/** The offset of a time zone from UTC at an instant, in ms (Europe/Rome in June: 7,200,000). */
function zoneOffsetMs(timeZone, epochMs) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit',
    day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(new Date(epochMs))
    .filter(p => p.type !== 'literal').map(p => [p.type, Number(p.value)]));
  const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}

/**
 * A time of day on a date (YYYY-MM-DD) in a time zone, as epoch milliseconds, truncated to the millisecond (as the
 * server stores it).
 */
export function instantOf(date, time, timeZone) {
  const [y, mo, d] = date.split('-').map(Number);
  const ms = Number((time.fraction + '000').substring(0, 3));
  const local = Date.UTC(y, mo - 1, d, time.hours, time.minutes, time.seconds, ms);
  let utc = local - zoneOffsetMs(timeZone, local);
  utc = local - zoneOffsetMs(timeZone, utc); // again, for a day the clocks change
  return utc;
}

/** Splits a stream of text into lines (CR, LF or both end one), whatever the chunks it arrives in. */
export function lineSplitter(onLine) {
  let pending = '';
  return chunk => {
    pending += chunk;
    const lines = pending.split(/\r\n|\r|\n/);
    pending = lines.pop();
    lines.filter(l => l.trim()).forEach(onLine);
  };
}

/**
 * Reads a serial port (Web Serial) at {@code baudRate} until it is closed or pulled: each line to {@code onLine};
 * {@code onEnd} with the error, if any, when reading stops. Answers a function that closes it.
 */
export async function readSerial(port, baudRate, onLine, onEnd) {
  await port.open({ baudRate });
  const decoder = new TextDecoderStream();
  const piped = port.readable.pipeTo(decoder.writable).catch(() => {});
  const reader = decoder.readable.getReader();
  const split = lineSplitter(onLine);
  let closing = false;
  (async () => {
    let error = null;
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) {
          break;
        }
        split(value);
      }
    } catch (e) {
      error = e;
    } finally {
      reader.releaseLock();
      await piped;
      await port.close().catch(() => {});
      onEnd(closing ? null : error || new Error('the device on the port stopped sending'));
    }
  })();
  return async () => {
    closing = true;
    await reader.cancel().catch(() => {});
  };
}
