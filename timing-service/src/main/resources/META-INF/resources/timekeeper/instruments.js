// The timing post's instruments besides the button: a chronometer on the serial port (Web Serial: Chrome, Edge) whose
// impulses become crossings at the chronometer's time and precision, and the Strip mode, where a timekeeper types the
// printed strip line by line. Both hand crossings to the app (app.js) through the context it gives; nothing here
// touches the queue or the network.
import { el, fill } from '/shared/page.js';
import { instantOf, parseStrip, parseTimy, patternParser, precisionOf, readSerial } from './chrono.js';

export const INSTRUMENT_TEXT = {
  en: {
    chronometer: 'Chronometer', connect: 'Connect chronometer', disconnect: 'Disconnect chronometer', format: 'Format',
    timy3: 'ALGE Timy3 (RS-232)', generic: 'Other: a pattern', pattern: 'Line pattern', speed: 'Speed (baud)',
    chronoOffset: 'Chronometer offset to the reference (ms)', channel: c => `Channel ${c}`,
    connected: 'Chronometer connected: its impulses become crossings.', notConnected: 'No chronometer connected.',
    gap: (from, to) => `The chronometer was disconnected from ${from} to ${to}: impulses in between did not arrive here. Read them from the chronometer's memory (lines it sends again are not taken twice), or type them in Strip mode.`,
    lost: why => `The chronometer stopped: ${why}`, ignored: (info, line) => `Not taken (${info}): ${line}`,
    unreadable: line => `Not an impulse: ${line}`, badPattern: 'The pattern must say where the time is: {time}.',
    strip: 'Strip', stripLine: 'Strip line', stripHint: 'Type each line as the strip prints it: car, then time of day (47 09:12:33.47); Enter sends it.',
    badStrip: 'Type the car, a space, then the time of day: 47 09:12:33.47', outOfOrder: 'earlier than the line before',
    farFrom: gap => `${gap} after the line before`, sentAsTyped: 'sent as typed',
    infos: { c: 'cleared on the chronometer', d: 'disqualified on the chronometer' },
  },
  it: {
    chronometer: 'Cronometro', connect: 'Collega il cronometro', disconnect: 'Scollega il cronometro', format: 'Formato',
    timy3: 'ALGE Timy3 (RS-232)', generic: 'Altro: uno schema', pattern: 'Schema della riga', speed: 'Velocità (baud)',
    chronoOffset: 'Scarto del cronometro dal riferimento (ms)', channel: c => `Canale ${c}`,
    connected: 'Cronometro collegato: i suoi impulsi diventano passaggi.', notConnected: 'Nessun cronometro collegato.',
    gap: (from, to) => `Il cronometro è rimasto scollegato dalle ${from} alle ${to}: gli impulsi di quel tempo non sono arrivati qui. Rileggili dalla memoria del cronometro (le righe già ricevute non vengono prese due volte) o scrivili in modalità Striscia.`,
    lost: why => `Il cronometro si è fermato: ${why}`, ignored: (info, line) => `Non preso (${info}): ${line}`,
    unreadable: line => `Non è un impulso: ${line}`, badPattern: 'Lo schema deve dire dov\'è l\'ora: {time}.',
    strip: 'Striscia', stripLine: 'Riga della striscia', stripHint: 'Scrivi ogni riga come la stampa la striscia: vettura, poi ora del giorno (47 09:12:33.47); Invio la invia.',
    badStrip: 'Scrivi la vettura, uno spazio, poi l\'ora del giorno: 47 09:12:33.47', outOfOrder: 'prima della riga precedente',
    farFrom: gap => `${gap} dopo la riga precedente`, sentAsTyped: 'inviato come scritto',
    infos: { c: 'cancellato sul cronometro', d: 'squalificato sul cronometro' },
  },
};

const CHANNELS = ['c0', 'c1', 'c2', 'c3'];
const FAR_MS = 10 * 60 * 1000;
const $ = id => document.getElementById(id);

let ctx = null;                 // what app.js gives: t(), setup(), race(), leg(), record(fields), numberAt(point, atMs, car), known(point, atMs), localTime(ms)
let close = null;               // closes the connected port
let lostAt = null;              // when the chronometer went away (a cable pulled)
let previousStrip = null;       // the last strip line sent: {at}
const t = () => ctx.t();

/** The chronometer's settings, kept with the post. */
function settings() {
  const saved = ctx.store.get('chrono') || {};
  const setup = ctx.setup();
  const channels = { ...(saved.channels || {}) };
  CHANNELS.forEach(c => { channels[c] = channels[c] || (setup && setup.point); });
  return { format: saved.format || 'timy3', pattern: saved.pattern || '{car} {channel} {time}', baud: saved.baud || 9600,
    offsetMs: Number(saved.offsetMs) || 0, channels };
}

function saveSettings() {
  ctx.store.set('chrono', { format: $('chrono-format').value, pattern: $('chrono-pattern').value, baud: Number($('chrono-speed').value),
    offsetMs: Number($('chrono-offset').value) || 0,
    channels: Object.fromEntries(CHANNELS.map(c => [c, $('chrono-' + c).value])) });
}

/** The chronometer's part of the capture screen: its settings, its channels mapped to the leg's points. */
export function renderInstruments() {
  if (!ctx || !ctx.setup()) {
    return;
  }
  const s = settings();
  $('chrono-connect').hidden = !('serial' in navigator);
  $('chrono-connect').textContent = close ? t().disconnect : t().connect;
  $('chrono-format').value = s.format;
  $('chrono-pattern').value = s.pattern;
  $('chrono-pattern-row').hidden = s.format !== 'generic';
  $('chrono-speed').value = String(s.baud);
  $('chrono-offset').value = String(s.offsetMs);
  const leg = ctx.leg();
  const points = leg ? leg.timingPoints.map(p => p.id) : [ctx.setup().point];
  fill($('chrono-channels'), CHANNELS.map(c => el('span', { class: 'channel' },
    el('label', { for: 'chrono-' + c }, t().channel(c)),
    el('select', { id: 'chrono-' + c, onchange: saveSettings }, points.map(p => el('option', { value: p, selected: p === s.channels[c] }, p))))));
  $('strip').setAttribute('aria-pressed', String(!$('strip-panel').hidden));
}

function log(text) {
  const list = $('chrono-log');
  list.prepend(el('li', {}, text));
  while (list.children.length > 20) {
    list.lastChild.remove();
  }
}

/** One line the chronometer sent: a crossing at its time of day, at the point its channel is mapped to. */
export async function chronometerLine(line) {
  const s = settings();
  let parsed;
  try {
    parsed = s.format === 'generic' ? patternParser(s.pattern)(line) : parseTimy(line);
  } catch (e) {
    log(t().badPattern);
    return;
  }
  if (!parsed) {
    log(t().unreadable(line.trim()));
    return;
  }
  if (parsed.info === 'c' || parsed.info === 'd') {
    log(t().ignored(t().infos[parsed.info], line.trim()));
    return;
  }
  const base = parsed.channel.replace(/m$/i, '');
  const point = s.channels[base] || ctx.setup().point;
  const at = instantOf(ctx.leg().date || new Date().toISOString().substring(0, 10), parsed.time, ctx.race().timeZone || 'Europe/Rome');
  if (parsed.info === 'n' && parsed.car != null) {
    // a start number given afterwards to a time already taken
    if (await ctx.numberAt(point, at, parsed.car)) {
      return;
    }
  }
  if (ctx.known(point, at)) {
    return; // sent again (a memory read-out): taken once
  }
  // a keypad impulse is a thumb on the chronometer: a hundredth at best, whatever digits it prints
  const precision = precisionOf(parsed.time.decimals);
  await ctx.record({ point, at, car: parsed.car, source: parsed.manual ? 'MANUAL' : 'HOSE',
    precisionMs: parsed.manual ? Math.max(precision, 10) : precision, clockUncertaintyMs: 0, clockOffsetMs: s.offsetMs });
}

async function toggleConnection() {
  if (close) {
    const closing = close;
    close = null;
    await closing();
    renderInstruments();
    return;
  }
  saveSettings();
  try {
    const port = await navigator.serial.requestPort();
    close = await readSerial(port, settings().baud, line => { chronometerLine(line); }, error => {
      close = null;
      if (error) {
        lostAt = Date.now();
        $('chrono-state').textContent = t().lost(error.message || String(error));
      } else {
        $('chrono-state').textContent = t().notConnected;
      }
      renderInstruments();
    });
    $('chrono-state').textContent = lostAt ? t().gap(ctx.localTime(lostAt), ctx.localTime(Date.now())) : t().connected;
    lostAt = null;
  } catch (e) {
    $('chrono-state').textContent = t().lost(e.message || String(e));
  }
  renderInstruments();
}

// ---- the strip, typed

async function stripLine(event) {
  event.preventDefault();
  const input = $('strip-line');
  const typed = parseStrip(input.value);
  if (!typed) {
    $('strip-error').textContent = t().badStrip;
    return;
  }
  $('strip-error').textContent = '';
  const at = instantOf(ctx.leg().date || new Date().toISOString().substring(0, 10), typed.time, ctx.race().timeZone || 'Europe/Rome');
  const flags = [];
  if (previousStrip && at < previousStrip.at) {
    flags.push(t().outOfOrder);
  } else if (previousStrip && at - previousStrip.at > FAR_MS) {
    const minutes = Math.floor((at - previousStrip.at) / 60000);
    flags.push(t().farFrom(`${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`));
  }
  previousStrip = { at };
  await ctx.record({ point: ctx.setup().point, at, car: typed.car, source: 'MANUAL', precisionMs: precisionOf(typed.time.decimals),
    clockUncertaintyMs: 0, clockOffsetMs: 0, typed: input.value.trim(), flags });
  $('strip-lines').prepend(el('li', { class: flags.length ? 'flagged' : '' },
    el('span', { class: 'typed' }, input.value.trim()), ' ', flags.length ? '⚠ ' + flags.join(' · ') : t().sentAsTyped));
  input.value = '';
  input.focus();
}

function toggleStrip() {
  $('strip-panel').hidden = !$('strip-panel').hidden;
  $('strip').setAttribute('aria-pressed', String(!$('strip-panel').hidden));
  if (!$('strip-panel').hidden) {
    $('strip-line').focus();
  }
}

/** Wires the instruments once; {@code app} gives what they need of the app. */
export function setUpInstruments(app) {
  ctx = app;
  $('chrono-connect').addEventListener('click', toggleConnection);
  ['chrono-format', 'chrono-pattern', 'chrono-speed', 'chrono-offset'].forEach(id => $(id).addEventListener('change', () => {
    saveSettings();
    renderInstruments();
  }));
  $('strip').addEventListener('click', toggleStrip);
  $('strip-form').addEventListener('submit', stripLine);
}
