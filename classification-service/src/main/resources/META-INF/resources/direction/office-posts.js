// The office's Posts: every timing post with its trials, the phone given to it (its QR code shown once: the token is
// not kept), each device's clock, and the sheets printed for the chief timekeeper. A module of the console's office.
import { el, fill } from '/shared/page.js';

const $ = id => document.getElementById(id);

/** The console's side: set by {@link setUpPosts}. */
let ctx = null;
const t = () => ctx.t();

/**
 * The QR codes shown in this session, by device, as image URLs. A device's token is shown once (route-service keeps only
 * its hash): the answer that gives the device carries its code; a new one (New QR code) revokes the old.
 */
const qrCodes = new Map();

function keepQr(device, svg) {
  qrCodes.set(device, URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' })));
}

/** A new token and QR code for a device: the phone holding the old code stops working. */
async function newQr(device) {
  const response = await fetch(ctx.routeUrl() + `/api/races/${encodeURIComponent(ctx.raceId())}/devices/${encodeURIComponent(device)}/qr`,
    { method: 'POST', headers: { Authorization: 'Bearer ' + ctx.token() } });
  if (!response.ok) {
    throw new Error(t().qrRefused(response.status));
  }
  keepQr(device, await response.text());
}

async function postsAndDevices() {
  const base = `/api/races/${encodeURIComponent(ctx.raceId())}`;
  const [posts, devices] = await Promise.all([ctx.route('GET', base + '/posts'), ctx.route('GET', base + '/devices')]);
  const active = devices.filter(d => d.state === 'ACTIVE');
  active.forEach(d => { d.qr = qrCodes.get(d.device) || null; });
  return { posts, active };
}

function postLine(p) {
  return [p.town, p.km === null || p.km === undefined ? '' : `${t().km} ${p.km}`, t().legN(p.leg), p.lapLine ? t().lapLine : '']
    .filter(Boolean).join(' · ');
}

function trialsLine(p) {
  return p.trials.map(u => `${u.trial} ${t().role[u.role] || u.role}${u.lap ? ' · ' + t().lap(u.lap) : ''}`).join(', ');
}

/** Each device's clock as its passages tell it (timing-service): offset, uncertainty, drift over the race. */
async function renderClocks() {
  const clocks = await ctx.timing('GET', `/api/races/${encodeURIComponent(ctx.raceId())}/clocks`).catch(() => []);
  const ms = v => (v === null || v === undefined ? '—' : `${Math.round(v * 10) / 10} ms`);
  const risky = clocks.filter(c => (c.worstClockUncertaintyMs ?? 0) > 10).length;
  fill($('clocks'), el('summary', {}, `${t().clocks} (${clocks.length})`, risky ? el('span', { class: 'risk' }, ` · ⚠ ${t().riskyClocks(risky)}`) : ''),
    clocks.length ? el('table', {},
    el('thead', {}, el('tr', {}, el('th', {}, t().device), el('th', { class: 'num' }, t().offset), el('th', { class: 'num' }, t().uncertainty),
      el('th', { class: 'num' }, t().worst), el('th', { class: 'num' }, t().drift), el('th', { class: 'num' }, t().resolution),
      el('th', {}, t().lastSeen))),
    el('tbody', {}, clocks.map(c => el('tr', { 'data-device': c.device, class: (c.worstClockUncertaintyMs ?? 0) > 10 ? 'at-risk' : null },
      el('td', {}, c.device), el('td', { class: 'num' }, ms(c.offsetMs)), el('td', { class: 'num' }, ms(c.clockUncertaintyMs)),
      el('td', { class: 'num' }, ms(c.worstClockUncertaintyMs)),
      el('td', { class: 'num' }, c.driftMsPerHour === null || c.driftMsPerHour === undefined ? '—' : t().perHour(Math.round(c.driftMsPerHour * 10) / 10)),
      el('td', { class: 'num' }, ms(c.precisionMs)), el('td', {}, ctx.when(c.last))))))
    : el('p', { class: 'muted' }, t().noClocks));
}

export async function renderPosts() {
  if (!ctx.raceId()) {
    fill($('posts-list'), el('li', {}, t().noRaceYet));
    return;
  }
  renderClocks();
  const { posts, active } = await postsAndDevices();
  fill($('posts-list'), ...posts.map(p => {
    const mine = active.filter(d => d.point === p.point);
    const name = el('input', { id: 'device-' + p.point, autocomplete: 'off', spellcheck: 'false', 'aria-label': t().deviceFor(p.point),
      value: mine.length ? '' : 'tk-' + p.point.toLowerCase() });
    return el('li', { 'data-point': p.point },
      el('h3', {}, p.point), el('p', {}, postLine(p)), el('p', { class: 'muted' }, trialsLine(p)),
      mine.map(d => el('div', { class: 'device', 'data-device': d.device },
        d.qr ? el('img', { src: d.qr, alt: t().qrAlt(p.point), width: 160, height: 160 }) : el('p', { class: 'muted' }, t().qrOnce),
        el('p', {}, `${d.device} · ${t().validUntil(ctx.when(d.expiresAt))}`),
        el('button', { type: 'button', class: 'small', 'aria-label': `${t().newQr} (${d.device})`,
          onclick: () => ctx.act(() => newQr(d.device)) }, t().newQr),
        el('button', { type: 'button', class: 'small', 'aria-label': `${t().revokeDevice} (${d.device})`,
          onclick: () => ctx.act(() => ctx.route('DELETE', `/api/races/${encodeURIComponent(ctx.raceId())}/devices/${encodeURIComponent(d.device)}`)) },
        t().revokeDevice))),
      el('div', { class: 'row' }, name,
        el('button', { type: 'button', class: 'small', 'aria-label': `${t().giveDevice} (${p.point})`, onclick: () => ctx.act(async () => {
          const given = await ctx.route('POST', `/api/races/${encodeURIComponent(ctx.raceId())}/devices`, { device: name.value.trim(), point: p.point });
          keepQr(given.device, given.qr);
        }) }, t().giveDevice)));
  }));
}

/** One A4 page per post, for the chief timekeeper: its QR codes, the point, the town and km, its trials. */
async function printSheets() {
  const { posts, active } = await postsAndDevices();
  const race = ctx.race();
  fill($('print-area'), ...posts.map(p => el('section', { class: 'sheet', 'data-point': p.point },
    el('p', { class: 'muted' }, `${race ? race.name : ''} · ${t().sheetFor}`),
    el('h1', {}, p.point), el('p', { class: 'big' }, postLine(p)), el('p', {}, trialsLine(p)),
    active.filter(d => d.point === p.point).map(d => el('figure', {},
      d.qr ? el('img', { src: d.qr, alt: t().qrAlt(p.point), width: 300, height: 300 }) : el('p', {}, t().noQrHere),
      el('figcaption', {}, `${d.device} · ${t().validUntil(ctx.when(d.expiresAt))}`))),
    active.some(d => d.point === p.point) ? el('p', {}, t().scanIt) : el('p', {}, t().noDevice))));
  await Promise.all([...$('print-area').querySelectorAll('img')].map(img => img.decode().catch(() => {})));
  window.print();
}

/** Wires the Posts' controls; {@code console} gives the calls, texts and helpers of direction.js. */
export function setUpPosts(console) {
  ctx = console;
  $('print-sheets').addEventListener('click', () => printSheets().catch(e => ctx.say(e.message)));
}
