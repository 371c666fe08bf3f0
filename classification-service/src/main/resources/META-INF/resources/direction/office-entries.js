// The office's Entries: the entry list from a spreadsheet (what it read shown row by row, each problem next to its row,
// before anything is saved), and each crew edited or withdrawn before the start. A module of the console's office.
import { el, fill, text } from '/shared/page.js';
import { XLSX, byRow, download, readFile, showProblems } from './office-sheets.js';

const $ = id => document.getElementById(id);

/** The console's side: set by {@link setUpEntries}. */
let ctx = null;
const t = () => ctx.t();
const entrySheet = { bytes: null, type: null };

export async function renderEntries() {
  if (!ctx.raceId()) {
    fill($('crews-list'), el('p', {}, t().noRaceYet));
    return;
  }
  const crews = await ctx.classification('GET', `/api/races/${encodeURIComponent(ctx.raceId())}/crews`);
  const name = c => [c.driver && c.driver.name, c.codriver && c.codriver.name].filter(Boolean).join(' / ');
  const about = c => [[c.carModel, c.carYear].filter(Boolean).join(' '), c.category, c.coefficient && `${t().coefficient} ${c.coefficient}`, c.team,
    c.band && t().bandIs(c.band)]
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
  ['crew-coefficient', 'coefficient'], ['crew-category', 'category'], ['crew-team', 'team'], ['crew-band', 'band']];

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
  $('crew-band').value = text(c.band);
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
    car, driver: { name: value('crew-driver'), female: before.driver ? before.driver.female : false, licence: before.driver ? before.driver.licence : null },
    codriver: value('crew-codriver') ? { name: value('crew-codriver'), female: before.codriver ? before.codriver.female : false,
      licence: before.codriver ? before.codriver.licence : null } : null,
    carModel: value('crew-model'), carYear: value('crew-year') === null ? null : Number(value('crew-year')),
    coefficient: value('crew-coefficient') === null ? null : Number(value('crew-coefficient').replace(',', '.')),
    category: value('crew-category'), team: value('crew-team'), band: value('crew-band'),
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

/** Wires the Entries' controls; {@code console} gives the calls, texts and helpers of direction.js. */
export function setUpEntries(console) {
  ctx = console;
  $('entries-download').addEventListener('click', () => download('', `/api/races/${encodeURIComponent(ctx.raceId())}/crews`, XLSX,
    `${ctx.raceId()}-crews.xlsx`, ctx.token()).catch(e => ctx.say(e.message)));
  $('entries-file').addEventListener('change', () => previewEntries().catch(e => ctx.say(e.message)));
  $('entries-save').addEventListener('click', () => saveEntries());
  $('crew-edit').addEventListener('submit', saveCrew);
  $('crew-edit-cancel').addEventListener('click', () => { $('crew-edit').hidden = true; });
}
