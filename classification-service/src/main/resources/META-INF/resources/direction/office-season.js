// The office's Championships: race direction defines a championship over the season's races with a form (no JSON),
// sees what championship-service refuses next to each field, and confirms or splits the people matched by name.
// A module of the console's office; the calls go to championship-service (the page's settings give its address).
import { el, fill, text } from '/shared/page.js';
import { XLSX, download } from './office-sheets.js';

const $ = id => document.getElementById(id);

/** The console's side: set by {@link setUpSeason}. */
let ctx = null;
const t = () => ctx.t();
const api = (method, path, body) => ctx.championship(method, path, body);

const NATIONAL = [40, 35, 32, 29, 26, 24, 22, 20, 18, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
const TEAMS = [15, 12, 10, 8, 6, 5, 4, 3, 2, 1];

/** The championship being edited: a saved one as read, or a new one's defaults. */
let current = null;

export function setUpSeason(side) {
  ctx = side;
}

const blank = () => ({ id: '', name: '', season: new Date().getFullYear(), rounds: [], lists: [{ kind: 'overall' }], scores: 'drivers',
  pointsTable: NATIONAL, teamPointsTable: TEAMS, countBest: null, minRounds: 1, minValidShare: 0.5, teamCars: 3, teamDistinctCategories: true });

export async function renderSeason() {
  const [all, races] = await Promise.all([api('GET', '/api/championships'), ctx.classification('GET', '/api/races')]);
  const chosen = $('season-pick') ? $('season-pick').value : '';
  const id = current && current.id && all.some(c => c.id === current.id) ? current.id : chosen;
  current = id ? await api('GET', '/api/championships/' + encodeURIComponent(id)) : current && !current.revision ? current : blank();
  const pick = el('select', { id: 'season-pick', onchange: async e => {
    current = e.target.value ? await api('GET', '/api/championships/' + encodeURIComponent(e.target.value)) : blank();
    draw(all, races);
  } }, el('option', { value: '' }, t().newChampionship),
  all.map(c => el('option', { value: c.id, selected: c.id === current.id && !!current.revision }, `${c.name || c.id} (${c.id})`)));
  fill($('season-choose'), el('label', { for: 'season-pick' }, t().championship), pick);
  draw(all, races);
}

function draw(all, races) {
  const c = current;
  const saved = !!c.revision;
  const field = (id, label, value, attrs) => [el('label', { for: id }, label), el('input', { id, value: value ?? '', autocomplete: 'off', ...attrs })];
  const listKinds = new Set((c.lists || []).map(l => l.kind));
  const joined = kind => (c.lists || []).filter(l => l.kind === kind).map(l => l.category || l.trophy).join(', ');
  const roundRows = el('ol', { id: 'season-rounds', class: 'rounds' });
  const addRound = round => {
    const n = roundRows.children.length + 1;
    const select = el('select', { 'aria-label': t().roundRace(n), class: 'round-race' },
      el('option', { value: '' }, t().chooseRace),
      races.map(r => el('option', { value: r.id, selected: r.id === (round && round.race) }, `${r.name || r.id} (${r.id})`)));
    const weight = el('input', { class: 'round-weight', inputmode: 'decimal', autocomplete: 'off', 'aria-label': t().roundWeight(n),
      value: round && round.weight !== undefined ? round.weight : 1 });
    const li = el('li', { class: 'row' }, select, el('span', { 'aria-hidden': 'true' }, '×'), weight,
      el('button', { type: 'button', class: 'small', 'aria-label': t().removeRound(n), onclick: () => { li.remove(); renumber(roundRows); } }, t().remove));
    roundRows.append(li);
  };
  (c.rounds || []).forEach(addRound);
  if (!c.rounds || c.rounds.length === 0) addRound(null);
  const check = (id, label, checked) => el('div', { class: 'check' }, el('input', { type: 'checkbox', id, checked }), el('label', { for: id }, label));
  fill($('season-form'),
    el('legend', {}, saved ? t().championshipRevision(c.name || c.id, c.revision) : t().newChampionship),
    ...field('season-id', t().championshipId, c.id, { spellcheck: 'false', placeholder: 'aci-regolarita-2027', readonly: saved || null }),
    ...field('season-name', t().name, c.name),
    ...field('season-year', t().seasonYear, c.season, { inputmode: 'numeric' }),
    el('h3', {}, t().rounds), el('p', { class: 'muted' }, t().roundsHint), roundRows,
    el('button', { type: 'button', id: 'season-add-round', onclick: () => addRound(null) }, t().addRound),
    el('h3', {}, t().seasonLists),
    check('season-list-overall', t().overall, listKinds.has('overall')),
    check('season-list-ladies', t().ladies, listKinds.has('ladies')),
    check('season-list-teams', t().teams, listKinds.has('teams')),
    ...field('season-categories', t().categories, joined('category'), { placeholder: 'A, B, C' }),
    ...field('season-trophies', t().trophies, joined('trophy')),
    el('label', { for: 'season-scores' }, t().whoScores),
    el('select', { id: 'season-scores' }, ['drivers', 'codrivers', 'both'].map(s => el('option', { value: s, selected: s === c.scores }, t().scores[s]))),
    ...field('season-points', t().pointsTable, (c.pointsTable || []).join(', '), { inputmode: 'numeric' }),
    ...field('season-team-points', t().teamPointsTable, (c.teamPointsTable || []).join(', '), { inputmode: 'numeric' }),
    ...field('season-count-best', t().countBest, c.countBest, { inputmode: 'numeric', placeholder: t().allRounds }),
    ...field('season-min-rounds', t().minRounds, c.minRounds, { inputmode: 'numeric' }),
    ...field('season-min-valid', t().minValidShare, c.minValidShare === null || c.minValidShare === undefined ? '' : Math.round(Number(c.minValidShare) * 100),
      { inputmode: 'numeric' }),
    ...field('season-team-cars', t().teamCars, c.teamCars, { inputmode: 'numeric' }),
    check('season-team-distinct', t().teamDistinct, c.teamDistinctCategories !== false),
    el('ul', { id: 'season-problems', class: 'problems', role: 'alert' }),
    el('div', { class: 'row' },
      el('button', { type: 'button', id: 'season-save', class: 'primary', onclick: save }, t().saveChampionship),
      saved ? el('button', { type: 'button', id: 'season-download', onclick: () => download(ctx.championshipUrl(),
        '/api/championships/' + encodeURIComponent(c.id) + '/standings', XLSX, c.id + '-overall.xlsx').catch(e => ctx.say(e.message)) }, t().downloadStandings) : null));
  fill($('season-people'));
  if (saved) identities(c.id).catch(e => ctx.say(e.message));
}

function renumber(list) {
  [...list.children].forEach((li, i) => {
    li.querySelector('.round-race').setAttribute('aria-label', t().roundRace(i + 1));
    li.querySelector('.round-weight').setAttribute('aria-label', t().roundWeight(i + 1));
    li.querySelector('button').setAttribute('aria-label', t().removeRound(i + 1));
  });
}

/** A comma-separated list of numbers as the API takes it; what is not a number is sent as it is, for the API to name. */
const numbers = value => value.split(/[,;\s]+/).filter(Boolean).map(v => (/^-?\d+$/.test(v) ? Number(v) : v));
const names = value => value.split(',').map(v => v.trim()).filter(Boolean);
const optionalNumber = value => (value.trim() === '' ? null : /^-?\d+([.,]\d+)?$/.test(value.trim()) ? Number(value.trim().replace(',', '.')) : value.trim());

/** The form as the definition championship-service takes (PUT /api/championships/{id}). */
function definition() {
  const share = optionalNumber($('season-min-valid').value);
  return {
    id: $('season-id').value.trim(), name: $('season-name').value.trim(), season: optionalNumber($('season-year').value),
    rounds: [...document.querySelectorAll('#season-rounds li')].map(li => ({ race: li.querySelector('.round-race').value,
      weight: optionalNumber(li.querySelector('.round-weight').value) ?? 1 })),
    lists: [
      ...($('season-list-overall').checked ? [{ kind: 'overall' }] : []),
      ...names($('season-categories').value).map(category => ({ kind: 'category', category })),
      ...($('season-list-ladies').checked ? [{ kind: 'ladies' }] : []),
      ...names($('season-trophies').value).map(trophy => ({ kind: 'trophy', trophy })),
      ...($('season-list-teams').checked ? [{ kind: 'teams' }] : [])],
    scores: $('season-scores').value,
    pointsTable: numbers($('season-points').value), teamPointsTable: numbers($('season-team-points').value),
    countBest: optionalNumber($('season-count-best').value), minRounds: optionalNumber($('season-min-rounds').value),
    minValidShare: typeof share === 'number' ? share / 100 : share,
    teamCars: optionalNumber($('season-team-cars').value), teamDistinctCategories: $('season-team-distinct').checked,
  }; // without identities: the service keeps race direction's decisions on people as they are
}

async function save() {
  const body = definition();
  fill($('season-problems'));
  if (!/^[a-z0-9][a-z0-9-]*$/.test(body.id)) {
    fill($('season-problems'), el('li', {}, t().needChampionshipId));
    $('season-id').focus();
    return;
  }
  try {
    current = await api('PUT', '/api/championships/' + encodeURIComponent(body.id), body);
    ctx.say(t().championshipSaved(current.revision));
    await renderSeason();
  } catch (e) {
    const problems = e.errors && e.errors.length ? e.errors.map(p => (p.field ? `${p.field}: ` : '') + p.message) : [e.message];
    fill($('season-problems'), problems.map(p => el('li', {}, p)));
    ctx.say(t().championshipNotSaved(problems.length));
  }
}

/** The people matched by name across rounds: race direction confirms they are one person, or splits them. */
async function identities(id) {
  const view = await api('GET', '/api/championships/' + encodeURIComponent(id) + '/identities');
  const open = view.people.filter(p => p.toConfirm);
  const decided = view.people.filter(p => p.decision);
  const where = p => p.appearances.map(a => `${a.race} · ${t().car} ${a.car} (${t().roles[a.role] || a.role})`).join('; ');
  const who = p => text(p.appearances[0] && p.appearances[0].name);
  const decide = (p, decision) => ctx.act(async () => {
    await api('POST', '/api/championships/' + encodeURIComponent(id) + '/identities', { person: p.key, decision });
  });
  fill($('season-people'), el('h3', {}, t().peopleToConfirm),
    open.length === 0 ? el('p', { class: 'muted' }, t().nobodyToConfirm) : el('ol', { class: 'cards people' }, open.map(p => el('li', { 'data-person': p.key },
      el('strong', {}, who(p)), el('p', { class: 'facts' }, t().matchedByName, ' ', where(p)),
      el('div', { class: 'actions' },
        el('button', { type: 'button', class: 'small', 'aria-label': t().confirmPerson(who(p)), onclick: () => decide(p, 'confirm') }, t().confirmSame),
        el('button', { type: 'button', class: 'small', 'aria-label': t().splitPerson(who(p)), onclick: () => decide(p, 'split') }, t().split))))),
    decided.length === 0 ? null : [el('h3', {}, t().decidedPeople), el('ul', { class: 'decided' }, decided.map(p => el('li', { 'data-person': p.key },
      `${who(p)}: ${p.decision === 'split' ? t().splitDone : t().confirmedDone} · ${where(p)}`)))]);
}
