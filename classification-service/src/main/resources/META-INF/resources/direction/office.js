// Race direction's office: the weeks before the race. The route and the entry list come from the organiser's
// spreadsheets (what a sheet read is shown row by row, each problem next to its row, before anything is saved), the
// revisions compare trial by trial, and every timing post gets its phone: a device, its QR code, its printed sheet.
// An ES module of the console (direction.js gives it the calls, the texts and the dialog); nothing from elsewhere.
import { el, fill, text } from '/shared/page.js';

export const OFFICE_TEXT = {
  en: {
    route: 'Route', entries: 'Entries', posts: 'Posts', newRace: 'New race', raceId: 'Race id', name: 'Name', year: 'Year',
    timeZone: 'Time zone', template: 'Download the template', downloadRoute: 'Download this route', routeSheet: 'Route spreadsheet',
    save: 'Save', history: 'History', fromRevision: 'From revision', toRevision: 'To revision', compare: 'Compare',
    entrySheet: 'Entry list spreadsheet', downloadEntries: 'Download the entry list', printSheets: 'Print post sheets',
    giveDevice: 'Give device', deviceName: 'Device', editCrew: 'Edit', withdraw: 'Withdraw', saveCrew: 'Save crew',
    driver: 'Driver', codriver: 'Co-driver', carModel: 'Car model', carYear: 'Car year', coefficient: 'Coefficient',
    category: 'Category', team: 'Team', entryList: 'Entry list', newRaceHint: 'Fill these in, download the template with them, edit it in your spreadsheet program, then choose it below.',
    noRaceYet: 'Create a race on the Route tab first.', reading: 'Reading…',
    wouldSave: (rev, legs, points, trials) => `Ready to save as revision ${rev}: ${legs} legs, ${points} timing points, ${trials} trials. Nothing is saved until you press Save.`,
    problems: n => `${n} problem${n === 1 ? '' : 's'}: nothing saved. Correct the spreadsheet and choose it again.`,
    saved: rev => `Saved as revision ${rev}.`, stale: 'Someone else changed this race meanwhile: reload it (choose the race again) and import your spreadsheet again.',
    exists: id => `A race with the id ${id} exists already: choose another id, or sign in to that race.`,
    needId: 'Give the new race an id (lower case letters, digits and dashes).',
    raceLine: (name, year, zone) => `${name} ${year} · ${zone}`,
    row: 'Row', what: 'What', details: 'Details', problem: 'Problem', legN: n => `Leg ${n}`, raceRows: 'Race and scoring',
    mapOf: (n, towns, points) => `Map of leg ${n}: ${towns} towns, ${points} timing points`,
    wouldImport: n => `Ready to import ${n} crews. Nothing is saved until you press Save.`, imported: n => `${n} crews imported.`,
    added: 'Added', removed: 'Removed', changed: 'Changed', noDifference: 'No trial differs between these revisions.',
    change: 'Change', qrAlt: point => `QR code for post ${point}`, noDevice: 'No device given yet.', newQr: 'New QR code',
    qrOnce: 'Its QR code is shown once, when it is given. A new one stops the phone holding the old one.',
    noQrHere: 'No QR code in this session: make a new one under Posts (the old one stops working).',
    qrRefused: status => `No new QR code (${status}): the device may have been revoked meanwhile.`,
    validUntil: at => `valid until ${at}`, deviceFor: point => `Device for post ${point}`, revokeDevice: 'Revoke',
    withdrawCrew: car => `Withdraw car ${car} (before the start)`, withdrawn: car => `Car ${car} withdrawn.`,
    role: { START: 'start', FINISH: 'finish', DETECTION: 'detection', CONTROL: 'control' }, km: 'km', lapLine: 'lap line',
    sheetFor: 'Timing post',
    clocks: 'Clocks of the devices', offset: 'Offset', uncertainty: 'Uncertainty', worst: 'Worst', drift: 'Drift',
    resolution: 'Resolution', lastSeen: 'Last', noClocks: 'No device has sent a passage yet.', perHour: v => `${v} ms/h`,
    riskyClocks: n => `${n} uncertain by more than a hundredth`, scanIt: 'Scan with the post\'s phone: the timekeeper app opens set up for this post.',
  },
  it: {
    route: 'Percorso', entries: 'Iscritti', posts: 'Postazioni', newRace: 'Nuova gara', raceId: 'Id della gara', name: 'Nome',
    year: 'Anno', timeZone: 'Fuso orario', template: 'Scarica il modello', downloadRoute: 'Scarica questo percorso',
    routeSheet: 'Foglio del percorso', save: 'Salva', history: 'Cronologia', fromRevision: 'Dalla revisione', toRevision: 'Alla revisione',
    compare: 'Confronta', entrySheet: 'Foglio degli iscritti', downloadEntries: 'Scarica gli iscritti', printSheets: 'Stampa le schede delle postazioni',
    giveDevice: 'Assegna dispositivo', deviceName: 'Dispositivo', editCrew: 'Modifica', withdraw: 'Ritira dall\'elenco', saveCrew: 'Salva equipaggio',
    driver: 'Pilota', codriver: 'Navigatore', carModel: 'Modello', carYear: 'Anno della vettura', coefficient: 'Coefficiente',
    category: 'Categoria', team: 'Scuderia', entryList: 'Elenco iscritti', newRaceHint: 'Compila questi campi, scarica il modello con essi, modificalo nel tuo foglio di calcolo e poi sceglilo qui sotto.',
    noRaceYet: 'Prima crea una gara nella scheda Percorso.', reading: 'Lettura…',
    wouldSave: (rev, legs, points, trials) => `Pronto da salvare come revisione ${rev}: ${legs} tappe, ${points} punti di rilevamento, ${trials} prove. Nulla è salvato finché non premi Salva.`,
    problems: n => `${n} ${n === 1 ? 'problema' : 'problemi'}: nulla è stato salvato. Correggi il foglio e sceglilo di nuovo.`,
    saved: rev => `Salvato come revisione ${rev}.`, stale: 'Qualcun altro ha modificato la gara nel frattempo: ricaricala (scegli di nuovo la gara) e importa di nuovo il foglio.',
    exists: id => `Esiste già una gara con id ${id}: scegli un altro id, oppure accedi a quella gara.`,
    needId: 'Dai un id alla nuova gara (lettere minuscole, cifre e trattini).',
    raceLine: (name, year, zone) => `${name} ${year} · ${zone}`,
    row: 'Riga', what: 'Cosa', details: 'Dettagli', problem: 'Problema', legN: n => `Tappa ${n}`, raceRows: 'Gara e punteggio',
    mapOf: (n, towns, points) => `Mappa della tappa ${n}: ${towns} località, ${points} punti di rilevamento`,
    wouldImport: n => `Pronti da importare ${n} equipaggi. Nulla è salvato finché non premi Salva.`, imported: n => `${n} equipaggi importati.`,
    added: 'Aggiunta', removed: 'Rimossa', changed: 'Modificata', noDifference: 'Nessuna prova differisce tra queste revisioni.',
    change: 'Modifica', qrAlt: point => `Codice QR per la postazione ${point}`, noDevice: 'Nessun dispositivo assegnato.', newQr: 'Nuovo codice QR',
    qrOnce: 'Il codice QR si vede una volta sola, quando il dispositivo è assegnato. Uno nuovo blocca il telefono che ha il vecchio.',
    noQrHere: 'Nessun codice QR in questa sessione: creane uno nuovo in Postazioni (il vecchio smette di funzionare).',
    qrRefused: status => `Nessun nuovo codice QR (${status}): il dispositivo potrebbe essere stato revocato nel frattempo.`,
    validUntil: at => `valido fino a ${at}`, deviceFor: point => `Dispositivo per la postazione ${point}`, revokeDevice: 'Revoca',
    withdrawCrew: car => `Ritira la vettura ${car} (prima della partenza)`, withdrawn: car => `Vettura ${car} ritirata dall'elenco.`,
    role: { START: 'partenza', FINISH: 'arrivo', DETECTION: 'rilevamento', CONTROL: 'controllo' }, km: 'km', lapLine: 'linea del giro',
    sheetFor: 'Postazione di cronometraggio',
    clocks: 'Orologi dei dispositivi', offset: 'Scarto', uncertainty: 'Incertezza', worst: 'Peggiore', drift: 'Deriva',
    resolution: 'Risoluzione', lastSeen: 'Ultimo', noClocks: 'Nessun dispositivo ha ancora inviato passaggi.', perHour: v => `${v} ms/h`,
    riskyClocks: n => `${n} incerti di più di un centesimo`, scanIt: 'Inquadra con il telefono della postazione: l\'app del cronometrista si apre già pronta per questa postazione.',
  },
};

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const $ = id => document.getElementById(id);

/** The console's side: set by {@link setUpOffice}. */
let ctx = null;
const t = () => ctx.t();
const routeSheet = { bytes: null, type: null };
const entrySheet = { bytes: null, type: null };
let newRace = false;

/** A chosen file's bytes and their content type (a workbook by its name or its first bytes, else CSV). */
async function readFile(input) {
  const file = input.files && input.files[0];
  if (!file) {
    return null;
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  const workbook = /\.xlsx$/i.test(file.name) || (bytes[0] === 0x50 && bytes[1] === 0x4b);
  return { bytes, type: workbook ? XLSX : 'text/csv; charset=UTF-8' };
}

/** Saves what a GET answers as a file (the token goes in a header, so a plain link cannot do it). */
async function download(base, path, accept, name) {
  const headers = { Accept: accept };
  if (ctx.token()) {
    headers.Authorization = 'Bearer ' + ctx.token();
  }
  const response = await fetch(base + path, { headers });
  if (!response.ok) {
    throw new Error(`${response.status} ${response.statusText}`);
  }
  const url = URL.createObjectURL(await response.blob());
  const a = el('a', { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The row number a problem names ("row 14.targetMs", "row 14: …"), or null. */
function rowOf(problem) {
  const m = /^row (\d+)/.exec(problem.field || '') || /^row (\d+)/.exec(problem.message || '');
  return m ? Number(m[1]) : null;
}

/** Problems by the row they name; those naming none under 0. */
function byRow(problems) {
  const rows = new Map();
  for (const p of problems) {
    const r = rowOf(p) ?? 0;
    rows.set(r, [...(rows.get(r) || []), p.message]);
  }
  return rows;
}

function showProblems(list, problems) {
  fill(list, ...problems.map(p => el('li', {}, p.message)));
}

// ---- the route

/** The race the Route tab works on: the new one being created, or the one signed in to. */
function targetRace() {
  return newRace ? $('new-id').value.trim() : ctx.raceId();
}

export async function renderRoute() {
  $('new-race-form').hidden = !newRace;
  $('new-race').setAttribute('aria-expanded', String(newRace));
  if (newRace && !$('new-year').value) {
    $('new-year').value = String(new Date().getFullYear());
  }
  $('route-download').hidden = newRace || !ctx.race();
  $('history').hidden = newRace || !ctx.race();
}

function templateQuery() {
  const q = new URLSearchParams();
  if (newRace) {
    [['id', 'new-id'], ['name', 'new-name'], ['year', 'new-year'], ['timeZone', 'new-zone']].forEach(([k, id]) => {
      if ($(id).value.trim()) {
        q.set(k, $(id).value.trim());
      }
    });
  }
  const s = q.toString();
  return s ? '?' + s : '';
}

async function previewRoute() {
  const raceId = targetRace();
  routeSheet.bytes = null;
  $('route-save').hidden = true;
  fill($('route-preview'));
  fill($('route-problems'));
  if (!raceId) {
    $('route-summary').textContent = t().needId;
    return;
  }
  const sheet = await readFile($('route-file'));
  if (!sheet) {
    $('route-summary').textContent = '';
    return;
  }
  $('route-summary').textContent = t().reading;
  const path = `/api/races/${encodeURIComponent(raceId)}`;
  const [rows, dry] = await Promise.all([
    ctx.classification('POST', '/api/sheets', sheet).then(x => x.rows).catch(e => ({ error: e })),
    ctx.route('PUT', path + '?dryRun=true', sheet, ifMatch()).catch(e => ({ error: e })),
  ]);
  if (rows.error) {
    $('route-summary').textContent = '';
    showProblems($('route-problems'), [{ message: rows.error.message }]);
    return;
  }
  if (dry.error) {
    const problems = dry.error.errors.length ? dry.error.errors : [{ message: dry.error.message }];
    $('route-summary').textContent = dry.error.status === 412 ? (newRace ? t().exists(raceId) : t().stale) : t().problems(problems.length);
    showProblems($('route-problems'), dry.error.status === 412 ? [] : problems);
    renderRows(rows, byRow(problems));
    return;
  }
  const legs = dry.legs || [];
  $('route-summary').replaceChildren(el('strong', {}, t().raceLine(text(dry.name), text(dry.year), text(dry.timeZone))), ' · ',
    t().wouldSave(dry.revision, legs.length, legs.reduce((n, l) => n + (l.timingPoints || []).length, 0),
      legs.reduce((n, l) => n + (l.trials || []).length, 0)));
  renderRows(rows, new Map());
  routeSheet.bytes = sheet.bytes;
  routeSheet.type = sheet.type;
  $('route-save').hidden = false;
}

/** If-Match for a save: the revision the console loaded, or "0" for a new race (a 412 if that id is taken). */
function ifMatch() {
  return { 'If-Match': newRace ? '"0"' : `"${ctx.race() ? ctx.race().revision : 0}"` };
}

/** What a sheet read, per leg: its rows (number, kind, what they say) with their problems, and the leg on a map. */
function renderRows(rows, problems) {
  const head = rows[0] || [];
  const col = name => head.findIndex(h => String(h).trim() === name);
  const cell = (row, name) => { const i = col(name); return i < 0 ? '' : String(row[i] ?? '').trim(); };
  const groups = new Map([[0, []]]);
  rows.forEach((row, i) => {
    if (i === 0 || row.every(c => !String(c).trim())) {
      return;
    }
    const leg = ['race', 'scoring', 'trophy'].includes(cell(row, 'record')) ? 0 : Number(cell(row, 'leg')) || 0;
    if (!groups.has(leg)) {
      groups.set(leg, []);
    }
    groups.get(leg).push({ number: i + 1, row });
  });
  if (problems.has(1) || problems.has(0)) {
    groups.get(0).unshift(...[0, 1].filter(n => problems.has(n)).map(n => ({ number: n, row: n === 1 ? head : [] })));
  }
  const blocks = [];
  for (const [leg, members] of groups) {
    if (!members.length) {
      continue;
    }
    const legRow = members.find(m => cell(m.row, 'record') === 'leg');
    blocks.push(el('h3', {}, leg === 0 ? t().raceRows : `${t().legN(leg)}${legRow ? ' · ' + cell(legRow.row, 'name') : ''}`));
    if (leg !== 0) {
      blocks.push(legMap(leg, members.map(m => m.row), cell));
    }
    blocks.push(el('table', { class: 'sheet-rows' },
      el('thead', {}, el('tr', {}, el('th', { class: 'num' }, t().row), el('th', {}, t().what), el('th', {}, t().details), el('th', {}, t().problem))),
      el('tbody', {}, members.map(m => {
        const mine = problems.get(m.number) || [];
        return el('tr', { class: mine.length ? 'bad' : '', 'data-row': m.number },
          el('td', { class: 'num' }, m.number), el('td', {}, describeKind(m.row, cell)), el('td', {}, describeRow(m.row, cell)),
          el('td', {}, mine.join(' · ')));
      }))));
  }
  fill($('route-preview'), ...blocks);
}

function describeKind(row, cell) {
  const record = cell(row, 'record');
  const id = cell(row, 'id');
  return record === 'trial' || record === 'point' ? `${record} ${id}` : record === 'detection' ? `${record} (${id})` : record;
}

function describeRow(row, cell) {
  const parts = [];
  const add = (v, suffix = '') => { if (v) parts.push(v + suffix); };
  switch (cell(row, 'record')) {
    case 'race': add(cell(row, 'name')); add(cell(row, 'year')); add(cell(row, 'timeZone')); break;
    case 'scoring': add(cell(row, 'model')); break;
    case 'leg': add(cell(row, 'date')); add([cell(row, 'from'), cell(row, 'to')].filter(Boolean).join(' → ')); add(cell(row, 'distanceKm'), ' km');
      add(cell(row, 'laps') && cell(row, 'laps') !== '1' ? cell(row, 'laps') + ' laps' : ''); break;
    case 'town': add(cell(row, 'name')); add(cell(row, 'km') && `${t().km} ${cell(row, 'km')}`); break;
    case 'point': add(cell(row, 'town')); add(cell(row, 'km') && `${t().km} ${cell(row, 'km')}`); break;
    case 'trial': {
      add(cell(row, 'type'));
      add([cell(row, 'start'), cell(row, 'finish')].filter(Boolean).join(' → ') || cell(row, 'point'));
      const target = Number(String(cell(row, 'targetMs')).replace(',', '.'));
      add(cell(row, 'targetMs') && Number.isFinite(target) ? (target / 1000).toFixed(2) + ' s' : cell(row, 'targetMs'));
      add(cell(row, 'averageKmh'), ' km/h');
      add(cell(row, 'durationMinutes'), ' min');
      break;
    }
    case 'detection': add(cell(row, 'point')); add(cell(row, 'distanceM'), ' m'); break;
    case 'trophy': add(cell(row, 'name')); add(cell(row, 'trials')); break;
    default: break;
  }
  return parts.join(' · ');
}

/** A leg's towns on a small map (north up), its timing points placed along the road by their km. */
function legMap(leg, rows, cell) {
  const num = v => { const n = Number(String(v).replace(',', '.')); return v === '' || !Number.isFinite(n) ? null : n; };
  const towns = rows.filter(r => cell(r, 'record') === 'town')
    .map(r => ({ name: cell(r, 'name'), km: num(cell(r, 'km')), lat: num(cell(r, 'lat')), lon: num(cell(r, 'lon')) }))
    .filter(x => x.lat !== null && x.lon !== null);
  const points = rows.filter(r => cell(r, 'record') === 'point').map(r => ({ id: cell(r, 'id'), km: num(cell(r, 'km')) }));
  if (towns.length < 1) {
    return '';
  }
  const ordered = towns.slice().sort((a, b) => (a.km ?? 0) - (b.km ?? 0));
  const midLat = ordered.reduce((s, x) => s + x.lat, 0) / ordered.length;
  const kx = Math.cos(midLat * Math.PI / 180);
  const xs = ordered.map(x => x.lon * kx);
  const ys = ordered.map(x => -x.lat);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const span = Math.max(maxX - minX, maxY - minY, 0.01);
  const W = 400;
  const sx = v => 10 + (v - minX) / span * (W - 20);
  const sy = v => 10 + (v - minY) / span * (W - 20);
  const at = km => {
    // between the two towns around this km, in proportion
    let i = ordered.findIndex(x => (x.km ?? 0) >= km);
    if (i <= 0) {
      i = i === 0 ? 0 : ordered.length - 1;
      return [sx(ordered[i].lon * kx), sy(-ordered[i].lat)];
    }
    const a = ordered[i - 1];
    const b = ordered[i];
    const f = (b.km - a.km) > 0 ? (km - a.km) / (b.km - a.km) : 0;
    return [sx((a.lon + (b.lon - a.lon) * f) * kx), sy(-(a.lat + (b.lat - a.lat) * f))];
  };
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', `0 0 ${Math.max(60, sx(maxX) + 10)} ${Math.max(60, sy(maxY) + 10)}`);
  svg.setAttribute('class', 'leg-map');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', t().mapOf(leg, towns.length, points.length));
  const add = (tag, attrs, content) => {
    const e = document.createElementNS(ns, tag);
    Object.entries(attrs).forEach(([k, v]) => e.setAttribute(k, v));
    if (content) {
      e.textContent = content;
    }
    svg.append(e);
  };
  add('polyline', { points: ordered.map(x => `${sx(x.lon * kx)},${sy(-x.lat)}`).join(' '), class: 'road' });
  ordered.forEach((x, i) => {
    add('circle', { cx: sx(x.lon * kx), cy: sy(-x.lat), r: 4, class: 'town' });
    if (i === 0 || i === ordered.length - 1) {
      const right = sx(x.lon * kx) > W / 2;
      add('text', { x: sx(x.lon * kx) + (right ? -7 : 7), y: sy(-x.lat) + 4, class: 'label', 'text-anchor': right ? 'end' : 'start' }, x.name);
    }
  });
  points.filter(p => p.km !== null).forEach(p => {
    const [x, y] = at(p.km);
    add('circle', { cx: x, cy: y, r: 2.5, class: 'post' });
  });
  return svg;
}

async function saveRoute() {
  const raceId = targetRace();
  if (!routeSheet.bytes) {
    return;
  }
  try {
    const saved = await ctx.route('PUT', `/api/races/${encodeURIComponent(raceId)}`, routeSheet, ifMatch());
    ctx.say(t().saved(saved.revision));
    $('route-save').hidden = true;
    routeSheet.bytes = null;
    $('route-file').value = '';
    $('route-summary').textContent = '';
    fill($('route-preview'));
    if (newRace) {
      newRace = false;
      await ctx.switchRace(raceId);
    } else {
      await ctx.reload();
    }
  } catch (e) {
    if (e.status === 412) {
      ctx.say(newRace ? t().exists(raceId) : t().stale);
    } else {
      showProblems($('route-problems'), e.errors.length ? e.errors : [{ message: e.message }]);
      ctx.say(e.message);
    }
  }
}

// ---- history

async function showHistory() {
  const view = $('history-view');
  view.hidden = !view.hidden;
  if (view.hidden) {
    return;
  }
  const history = await ctx.route('GET', `/api/races/${encodeURIComponent(ctx.raceId())}/history`);
  const options = history.map(h => el('option', { value: h.revision }, `r${h.revision} · ${ctx.when(h.at)} · ${h.by} · ${h.what}`));
  fill($('history-from'), ...options.map(o => o.cloneNode(true)));
  fill($('history-to'), ...options);
  if (history.length) {
    $('history-to').value = String(history[history.length - 1].revision);
    $('history-from').value = String(history[Math.max(0, history.length - 2)].revision);
  }
  fill($('history-result'));
}

async function compare() {
  const c = await ctx.route('GET', `/api/races/${encodeURIComponent(ctx.raceId())}/history/compare?from=${$('history-from').value}&to=${$('history-to').value}`);
  if (!c.trials.length) {
    fill($('history-result'), el('p', {}, t().noDifference));
    return;
  }
  const value = (field, v) => v === null || v === undefined ? '—'
    : field === 'targetMs' ? (v / 1000).toFixed(2) + ' s' : field === 'averageKmh' ? v + ' km/h' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  fill($('history-result'), el('table', {},
    el('thead', {}, el('tr', {}, el('th', {}, t().trial), el('th', {}, t().leg), el('th', {}, t().change), el('th', {}, t().details))),
    el('tbody', {}, c.trials.map(d => el('tr', { 'data-trial': d.trial, 'data-change': d.change },
      el('td', {}, d.trial), el('td', {}, d.leg), el('td', {}, t()[d.change.toLowerCase()]),
      el('td', {}, d.fields.map(f => `${f.field}: ${value(f.field, f.before)} → ${value(f.field, f.after)}`).join('; ')))))));
}

// ---- the entry list

export async function renderEntries() {
  if (!ctx.raceId()) {
    fill($('crews-list'), el('p', {}, t().noRaceYet));
    return;
  }
  const crews = await ctx.classification('GET', `/api/races/${encodeURIComponent(ctx.raceId())}/crews`);
  const name = c => [c.driver && c.driver.name, c.codriver && c.codriver.name].filter(Boolean).join(' / ');
  const about = c => [[c.carModel, c.carYear].filter(Boolean).join(' '), c.category, c.coefficient && `${t().coefficient} ${c.coefficient}`, c.team]
    .filter(Boolean).join(' · ');
  fill($('crews-list'), el('table', {},
    el('thead', {}, el('tr', {}, el('th', { class: 'num' }, t().car), el('th', {}, t().crew), el('th', {}, ''))),
    el('tbody', {}, crews.map(c => el('tr', { 'data-car': c.car },
      el('td', { class: 'num' }, c.car), el('td', {}, name(c), el('br'), el('small', { class: 'muted' }, about(c))),
      el('td', {}, el('div', { class: 'actions' },
        el('button', { type: 'button', class: 'small', 'aria-label': `${t().editCrew} (${t().car} ${c.car})`, onclick: () => editCrew(c) }, t().editCrew),
        el('button', { type: 'button', class: 'small', 'aria-label': `${t().withdraw} (${t().car} ${c.car})`,
          onclick: () => ctx.ask(t().withdrawCrew(c.car), null, async () => {
            await ctx.classification('DELETE', `/api/races/${encodeURIComponent(ctx.raceId())}/crews/${c.car}`);
            ctx.say(t().withdrawn(c.car));
          }, false, true) }, t().withdraw))))))));
}

const CREW_FIELDS = [['crew-driver', 'driver'], ['crew-codriver', 'codriver'], ['crew-model', 'carModel'], ['crew-year', 'carYear'],
  ['crew-coefficient', 'coefficient'], ['crew-category', 'category'], ['crew-team', 'team']];

function editCrew(c) {
  const form = $('crew-edit');
  form.hidden = false;
  form.dataset.car = c.car;
  $('crew-edit-title').textContent = `${t().editCrew} · ${t().car} ${c.car}`;
  $('crew-driver').value = text(c.driver && c.driver.name);
  $('crew-codriver').value = text(c.codriver && c.codriver.name);
  $('crew-model').value = text(c.carModel);
  $('crew-year').value = text(c.carYear);
  $('crew-coefficient').value = text(c.coefficient);
  $('crew-category').value = text(c.category);
  $('crew-team').value = text(c.team);
  $('crew-edit-error').textContent = '';
  $('crew-driver').focus();
}

async function saveCrew(event) {
  event.preventDefault();
  const form = $('crew-edit');
  const car = Number(form.dataset.car);
  const value = id => $(id).value.trim() || null;
  const before = (await ctx.classification('GET', `/api/races/${encodeURIComponent(ctx.raceId())}/crews?size=500`)).find(x => x.car === car) || {};
  const body = {
    car, driver: { name: value('crew-driver'), female: before.driver ? before.driver.female : false },
    codriver: value('crew-codriver') ? { name: value('crew-codriver'), female: before.codriver ? before.codriver.female : false } : null,
    carModel: value('crew-model'), carYear: value('crew-year') === null ? null : Number(value('crew-year')),
    coefficient: value('crew-coefficient') === null ? null : Number(value('crew-coefficient').replace(',', '.')),
    category: value('crew-category'), team: value('crew-team'),
  };
  try {
    await ctx.classification('PUT', `/api/races/${encodeURIComponent(ctx.raceId())}/crews/${car}`, body);
    form.hidden = true;
    ctx.say(t().done);
    await renderEntries();
  } catch (e) {
    $('crew-edit-error').textContent = e.message;
  }
}

async function previewEntries() {
  entrySheet.bytes = null;
  $('entries-save').hidden = true;
  fill($('entries-preview'));
  fill($('entries-problems'));
  const sheet = await readFile($('entries-file'));
  if (!sheet || !ctx.raceId()) {
    $('entries-summary').textContent = sheet ? t().noRaceYet : '';
    return;
  }
  $('entries-summary').textContent = t().reading;
  const [rows, dry] = await Promise.all([
    ctx.classification('POST', '/api/sheets', sheet).then(x => x.rows).catch(e => ({ error: e })),
    ctx.classification('POST', `/api/races/${encodeURIComponent(ctx.raceId())}/crews?dryRun=true`, sheet).catch(e => ({ error: e })),
  ]);
  if (rows.error) {
    $('entries-summary').textContent = '';
    showProblems($('entries-problems'), [{ message: rows.error.message }]);
    return;
  }
  const problems = dry.error ? (dry.error.errors.length ? dry.error.errors : [{ message: dry.error.message }]) : [];
  const found = byRow(problems);
  $('entries-summary').textContent = dry.error ? t().problems(problems.length) : t().wouldImport(dry.wouldImport);
  showProblems($('entries-problems'), problems);
  const crews = new Map((dry.crews || []).map(x => [Number(/\d+/.exec(x.row)), x.crew]));
  const shown = rows.map((row, i) => ({ number: i + 1, row })).filter(({ number, row }) => number > 1 && (row.some(c => String(c).trim()) || found.has(number)));
  if (found.has(1) || found.has(0)) {
    shown.unshift(...[0, 1].filter(n => found.has(n)).map(n => ({ number: n, row: n === 1 ? rows[0] || [] : [] })));
  }
  fill($('entries-preview'), el('table', { class: 'sheet-rows' },
    el('thead', {}, el('tr', {}, el('th', { class: 'num' }, t().row), el('th', {}, t().details), el('th', {}, t().problem))),
    el('tbody', {}, shown.map(({ number, row }) => {
      const crew = crews.get(number);
      const details = crew ? [`${t().car} ${crew.car}`, [crew.driver && crew.driver.name, crew.codriver && crew.codriver.name].filter(Boolean).join(' / '),
        crew.carModel, crew.category, crew.coefficient].filter(x => x !== null && x !== undefined && x !== '').join(' · ')
        : row.filter(c => String(c).trim()).join(' · ');
      const mine = found.get(number) || [];
      return el('tr', { class: mine.length ? 'bad' : '', 'data-row': number }, el('td', { class: 'num' }, number), el('td', {}, details),
        el('td', {}, mine.join(' · ')));
    }))));
  if (!dry.error) {
    entrySheet.bytes = sheet.bytes;
    entrySheet.type = sheet.type;
    $('entries-save').hidden = false;
  }
}

async function saveEntries() {
  try {
    const answer = await ctx.classification('POST', `/api/races/${encodeURIComponent(ctx.raceId())}/crews`, entrySheet);
    ctx.say(t().imported(answer.imported));
    $('entries-save').hidden = true;
    entrySheet.bytes = null;
    $('entries-file').value = '';
    $('entries-summary').textContent = '';
    fill($('entries-preview'));
    await renderEntries();
  } catch (e) {
    showProblems($('entries-problems'), e.errors.length ? e.errors : [{ message: e.message }]);
  }
}

// ---- the posts and their phones

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

// ---- wiring

/** Opens the Route tab's New race (signed in without a race: the first race of an organiser). */
export function startNewRace() {
  newRace = true;
}

/** Wires the office's controls; {@code console} gives the calls, texts and helpers of direction.js. */
export function setUpOffice(console) {
  ctx = console;
  $('new-race').addEventListener('click', () => {
    newRace = !newRace;
    renderRoute();
    if (newRace) {
      $('new-id').focus();
    }
  });
  $('template-download').addEventListener('click', () => download(ctx.routeUrl(), '/api/templates/race' + templateQuery(), XLSX,
    `${(newRace && $('new-id').value.trim()) || 'race'}-route.xlsx`).catch(e => ctx.say(e.message)));
  $('route-download').addEventListener('click', () => download(ctx.routeUrl(), `/api/races/${encodeURIComponent(ctx.raceId())}`, XLSX,
    `${ctx.raceId()}-route.xlsx`).catch(e => ctx.say(e.message)));
  $('route-file').addEventListener('change', () => previewRoute().catch(e => ctx.say(e.message)));
  $('route-save').addEventListener('click', () => saveRoute());
  $('history').addEventListener('click', () => showHistory().catch(e => ctx.say(e.message)));
  $('history-compare').addEventListener('click', () => compare().catch(e => ctx.say(e.message)));
  $('entries-download').addEventListener('click', () => download('', `/api/races/${encodeURIComponent(ctx.raceId())}/crews`, XLSX,
    `${ctx.raceId()}-crews.xlsx`).catch(e => ctx.say(e.message)));
  $('entries-file').addEventListener('change', () => previewEntries().catch(e => ctx.say(e.message)));
  $('entries-save').addEventListener('click', () => saveEntries());
  $('crew-edit').addEventListener('submit', saveCrew);
  $('crew-edit-cancel').addEventListener('click', () => { $('crew-edit').hidden = true; });
  $('print-sheets').addEventListener('click', () => printSheets().catch(e => ctx.say(e.message)));
}
