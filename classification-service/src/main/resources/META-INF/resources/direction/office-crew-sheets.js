// The office's crew sheets: one printed page per crew of the entry list, with the car, the crew and the QR code of the
// link that sets up the crew's phone (the crew app on timing-service, holding a crew token for this race and car), and a
// short how-to. Each car gets its phone from route-service (POST …/devices {device: crew-<car>, car}); a car that has one
// already gets a new QR code (its old one stops working), after the office agreed to it. A module of the console's office.
import { el, fill } from '/shared/page.js';

const $ = id => document.getElementById(id);

/** The console's side: set by {@link setUpCrewSheets}. */
let ctx = null;
const t = () => ctx.t();
const race = () => `/api/races/${encodeURIComponent(ctx.raceId())}`;

/** A new token and QR code (SVG) for a crew's phone that has one: the phone holding the old code stops working. */
async function newQr(device) {
  const response = await fetch(ctx.routeUrl() + `${race()}/devices/${encodeURIComponent(device)}/qr`,
    { method: 'POST', headers: { Authorization: 'Bearer ' + ctx.token() } });
  if (!response.ok) {
    throw new Error(t().qrRefused(response.status));
  }
  return response.text();
}

/** Each crew's phone given (or given a new QR code), a few at a time: {crew, device, qr, expiresAt} or {crew, error}. */
async function issue(crews, active) {
  const sheets = new Array(crews.length);
  let next = 0;
  const worker = async () => {
    while (next < crews.length) {
      const i = next++;
      const crew = crews[i];
      const had = active.get(crew.car);
      try {
        if (had) {
          sheets[i] = { crew, device: had.device, expiresAt: had.expiresAt, qr: await newQr(had.device) };
        } else {
          const given = await ctx.route('POST', `${race()}/devices`, { device: `crew-${crew.car}`, car: crew.car });
          sheets[i] = { crew, device: given.device, expiresAt: given.expiresAt, qr: given.qr };
        }
      } catch (e) {
        sheets[i] = { crew, error: e.message };
      }
      ctx.say(t().crewSheetsIssued(sheets.filter(Boolean).length, crews.length));
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  return sheets;
}

const names = c => [c.driver && c.driver.name, c.codriver && c.codriver.name].filter(Boolean).join(' / ');

function sheet(s, raceName) {
  const car = s.crew.car;
  const image = s.qr ? URL.createObjectURL(new Blob([s.qr], { type: 'image/svg+xml' })) : null;
  return el('section', { class: 'sheet crew-sheet', 'data-car': car },
    el('p', { class: 'muted' }, `${raceName} · ${t().crewSheetFor}`),
    el('h1', {}, `${t().car} ${car}`),
    el('p', { class: 'big' }, names(s.crew)),
    el('p', {}, [[s.crew.carModel, s.crew.carYear].filter(Boolean).join(' '), s.crew.category].filter(Boolean).join(' · ')),
    image ? el('figure', {}, el('img', { src: image, alt: t().crewQrAlt(car), width: 300, height: 300 }),
      el('figcaption', {}, `${s.device} · ${t().validUntil(ctx.when(s.expiresAt))}`)) : el('p', { class: 'error' }, t().noCrewQr(s.error)),
    el('div', { class: 'how-to', lang: 'it' }, el('h2', {}, 'Come si usa'), el('ol', {}, t().crewHowTo.it.map(step => el('li', {}, step)))),
    el('div', { class: 'how-to', lang: 'en' }, el('h2', {}, 'How to use it'), el('ol', {}, t().crewHowTo.en.map(step => el('li', {}, step)))));
}

/** The whole entry list, page by page (500 a page). */
async function entryList() {
  const crews = [];
  for (let page = 0; ; page++) {
    const part = await ctx.classification('GET', `${race()}/crews?size=500&page=${page}`);
    crews.push(...part);
    if (part.length < 500) {
      return crews;
    }
  }
}

async function printCrewSheets() {
  if (!ctx.raceId()) {
    ctx.say(t().noRaceYet);
    return;
  }
  const [crews, devices] = await Promise.all([entryList(), ctx.route('GET', `${race()}/devices`)]);
  if (!crews.length) {
    ctx.say(t().noCrewsYet);
    return;
  }
  const active = new Map(devices.filter(d => d.state === 'ACTIVE' && d.car !== null && d.car !== undefined).map(d => [d.car, d]));
  const print = async () => {
    const sheets = await issue(crews, active);
    const raceName = ctx.race() ? ctx.race().name : ctx.raceId();
    fill($('print-area'), ...sheets.map(s => sheet(s, raceName)));
    await Promise.all([...$('print-area').querySelectorAll('img')].map(img => img.decode().catch(() => {})));
    const failed = sheets.filter(s => s.error).length;
    ctx.say(failed ? t().crewSheetsFailed(failed, sheets.length) : t().crewSheetsReady(sheets.length));
    window.print();
  };
  const reissued = crews.filter(c => active.has(c.car)).length;
  if (reissued) {
    await ctx.ask(t().crewSheetsAgain(reissued), null, print, false, true);
  } else {
    await print();
  }
}

/** Wires the button; {@code console} gives the calls, texts and helpers of direction.js. */
export function setUpCrewSheets(console) {
  ctx = console;
  $('print-crew-sheets').addEventListener('click', () => printCrewSheets().catch(e => ctx.say(e.message)));
}
