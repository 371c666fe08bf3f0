// The office's Route tab, its timing points and their GPS lines (issue 39): each point of a leg said as a post, a virtual
// line timed by the cars' GPS, or a post backed up by a line; a line placed or moved by its fields (latitude, longitude,
// the road's heading, the line's width, whether it backs up the post) or by a click on the map (Leaflet, served by this
// service from its web jar, the tiles of the configured server as the dashboard's), drawn across the road as the fixes
// will be measured against it. Saving puts the whole definition back to route-service, as the office does, with the
// revision it was loaded at; route's faults are shown next to their fields. A module of the console's office.
import { call, el, fill } from '/shared/page.js';

const $ = id => document.getElementById(id);
const LEAFLET = '/webjars/leaflet/1.9.4/dist/';
/** A new line's width when nothing says otherwise: a two-lane road with its verges. */
const DEFAULT_WIDTH_M = 12;
const FIELDS = ['lat', 'lon', 'bearingDeg', 'widthM'];

/** The console's side: set by {@link setUpLines}. */
let ctx = null;
const t = () => ctx.t().lines;
/** The leg shown, and the point whose line is being edited ({leg index, point index, id}), or null. */
let legIndex = 0;
let editing = null;
/** The map of the editor, and what it draws; null when it is closed (or Leaflet could not load). */
let map = null;
let drawn = null;
let tiles = null;
let replayTimer = null;

function stylesheets() {
  if (!document.querySelector('link[data-leaflet]')) {
    document.head.append(el('link', { rel: 'stylesheet', href: LEAFLET + 'leaflet.css', 'data-leaflet': '' }));
  }
  if (!document.querySelector('link[data-office-lines]')) {
    document.head.append(el('link', { rel: 'stylesheet', href: 'office-lines.css', 'data-office-lines': '' }));
  }
}

const number = v => {
  const s = String(v ?? '').trim().replace(',', '.');
  if (!s) {
    return null;
  }
  const n = Number(s);
  return Number.isFinite(n) ? n : NaN;
};
const round = (v, digits) => Math.round(v * 10 ** digits) / 10 ** digits;

/** A point's kind: a post, a line alone, or a post with a line as its backup. */
function kindOf(p) {
  return !p.virtual ? 'post' : p.virtual.backup ? 'backup' : 'gps';
}

/** Where the road is at a km of the leg, and its heading there, from the towns either side (null without them). */
function roadAt(leg, km) {
  const towns = (leg.towns || []).filter(x => x.lat !== null && x.lat !== undefined && x.lon !== null && x.lon !== undefined
    && x.km !== null && x.km !== undefined).slice().sort((a, b) => a.km - b.km);
  if (!towns.length || km === null || km === undefined) {
    return null;
  }
  let i = towns.findIndex(x => x.km >= km);
  if (i < 0) {
    i = towns.length - 1;
  }
  const a = towns[Math.max(0, i - 1)];
  const b = towns[Math.max(i, 1)] || a;
  const f = b.km > a.km ? Math.min(1, Math.max(0, (km - a.km) / (b.km - a.km))) : 0;
  const lat = a.lat + (b.lat - a.lat) * f;
  const lon = a.lon + (b.lon - a.lon) * f;
  const north = b.lat - a.lat;
  const east = (b.lon - a.lon) * Math.cos(lat * Math.PI / 180);
  const heading = north === 0 && east === 0 ? null : (Math.atan2(east, north) * 180 / Math.PI + 360) % 360;
  return { lat, lon, heading };
}

/** The line's two ends: widthM long, centred on (lat, lon), across the road's heading. */
export function lineEnds(lat, lon, bearingDeg, widthM) {
  const across = (bearingDeg + 90) * Math.PI / 180;
  const half = widthM / 2;
  const dLat = Math.cos(across) * half / 111320;
  const dLon = Math.sin(across) * half / (111320 * Math.cos(lat * Math.PI / 180));
  return [[lat - dLat, lon - dLon], [lat + dLat, lon + dLon]];
}

function describeLine(v) {
  const parts = [`${round(v.lat, 6)}, ${round(v.lon, 6)}`, t().headingIs(round(v.bearingDeg, 1)), t().widthIs(round(v.widthM, 1))];
  return parts.join(' · ');
}

// ---- the list

export async function renderLines() {
  const section = $('route-lines');
  const race = ctx.race();
  if (!race || !$('new-race-form').hidden) {
    section.hidden = true;
    closeMap();
    return;
  }
  section.hidden = false;
  stylesheets();
  const legs = race.legs || [];
  if (legIndex >= legs.length) {
    legIndex = 0;
  }
  if (editing && (editing.leg !== legIndex || !legs[editing.leg] || !(legs[editing.leg].timingPoints || [])[editing.point]
    || legs[editing.leg].timingPoints[editing.point].id !== editing.id)) {
    editing = null;
  }
  closeMap();
  const leg = legs[legIndex] || { timingPoints: [] };
  const points = leg.timingPoints || [];
  const lines = legs.reduce((n, l) => n + (l.timingPoints || []).filter(p => p.virtual).length, 0);
  const select = el('select', { id: 'lines-leg' }, legs.map((l, i) => el('option', { value: i, selected: i === legIndex },
    `${ctx.t().legN(l.number)}${l.name ? ' · ' + l.name : ''}`)));
  select.addEventListener('change', () => { legIndex = Number(select.value); editing = null; renderLines(); });
  fill(section,
    el('h2', { id: 'route-lines-title' }, t().title),
    el('p', { class: 'muted' }, t().hint),
    el('p', { id: 'lines-count', class: 'muted' }, t().count(lines)),
    el('div', { class: 'row' }, el('label', { for: 'lines-leg' }, t().leg), select),
    el('p', { id: 'lines-replay', class: 'muted', role: 'status', 'aria-live': 'polite' }),
    el('ol', { id: 'lines-list', class: 'lines-list' }, points.map((p, j) => pointItem(leg, p, j))));
  if (editing) {
    await openMap(leg, points[editing.point]);
  }
}

function pointItem(leg, p, j) {
  const kind = kindOf(p);
  const open = editing && editing.point === j;
  const where = [p.town, p.km === null || p.km === undefined ? '' : `${ctx.t().km} ${p.km}`].filter(Boolean).join(' · ');
  const button = el('button', { type: 'button', class: 'small', 'aria-expanded': String(!!open),
    'aria-label': `${p.virtual ? t().edit : t().place} (${p.id})` }, p.virtual ? t().edit : t().place);
  button.addEventListener('click', () => {
    editing = open ? null : { leg: legIndex, point: j, id: p.id };
    renderLines().then(() => { if (editing) $('line-lat').focus(); }).catch(e => ctx.say(e.message));
  });
  return el('li', { 'data-point': p.id, 'data-kind': kind, class: 'kind-' + kind },
    el('div', { class: 'line-head' }, el('strong', {}, p.id), where ? el('span', { class: 'muted' }, ' · ' + where) : '',
      el('span', { class: 'kind' }, t().kinds[kind])),
    p.virtual ? el('p', { class: 'line-facts' }, describeLine(p.virtual)) : '',
    el('div', { class: 'actions' }, button),
    open ? editor(leg, p) : '');
}

// ---- the editor

function field(name, id, label, value, mode) {
  return [
    el('label', { for: id }, label),
    el('input', { id, name, inputmode: mode, autocomplete: 'off', spellcheck: 'false', value: value ?? '', 'aria-describedby': id + '-error' }),
    el('p', { id: id + '-error', class: 'error field-error', 'data-field': name }),
  ];
}

const IDS = { lat: 'line-lat', lon: 'line-lon', bearingDeg: 'line-bearing', widthM: 'line-width' };

function editor(leg, p) {
  const v = p.virtual || {};
  const road = roadAt(leg, p.km);
  const suggested = !p.virtual && road;
  const race = ctx.race();
  const form = el('form', { id: 'line-editor', class: 'fields line-editor', novalidate: '', 'aria-labelledby': 'line-editor-title' },
    el('h3', { id: 'line-editor-title' }, t().editorTitle(p.id)),
    suggested ? el('p', { class: 'muted' }, t().suggested) : '',
    el('div', { class: 'line-fields' },
      el('div', {}, ...field('lat', IDS.lat, t().lat, v.lat ?? (suggested ? round(road.lat, 6) : ''), 'decimal')),
      el('div', {}, ...field('lon', IDS.lon, t().lon, v.lon ?? (suggested ? round(road.lon, 6) : ''), 'decimal')),
      el('div', {}, ...field('bearingDeg', IDS.bearingDeg, t().bearing, v.bearingDeg ?? (suggested && road.heading !== null ? round(road.heading, 1) : ''), 'decimal')),
      el('div', {}, ...field('widthM', IDS.widthM, t().width, v.widthM ?? DEFAULT_WIDTH_M, 'decimal'))),
    el('div', { class: 'check' }, el('input', { id: 'line-backup', type: 'checkbox', checked: !!v.backup, 'aria-describedby': 'line-backup-hint' }),
      el('label', { for: 'line-backup' }, t().backup)),
    el('p', { id: 'line-backup-hint', class: 'muted' }, t().backupHint),
    el('div', { id: 'line-map', class: 'line-map', role: 'region', 'aria-label': t().mapLabel(p.id), hidden: '' }),
    el('p', { id: 'line-map-hint', class: 'muted' }, t().mapHint),
    race && (race.posted || race.published) ? el('p', { class: 'warn' }, t().unposts) : '',
    el('ul', { id: 'line-problems', class: 'problems', role: 'alert' }),
    el('div', { class: 'row' },
      el('button', { type: 'submit', class: 'primary' }, t().save),
      p.virtual ? el('button', { id: 'line-remove', type: 'button' }, t().remove) : '',
      el('button', { id: 'line-cancel', type: 'button' }, ctx.t().cancel)));
  form.addEventListener('submit', e => { e.preventDefault(); saveLine(false).catch(err => ctx.say(err.message)); });
  form.addEventListener('input', () => drawLine());
  form.querySelector('#line-cancel').addEventListener('click', () => { editing = null; renderLines(); });
  const remove = form.querySelector('#line-remove');
  if (remove) {
    remove.addEventListener('click', () => saveLine(true).catch(err => ctx.say(err.message)));
  }
  return form;
}

/** The line as the fields say it (numbers with a decimal comma too; what is not a number goes as null, route names it). */
function lineFromFields() {
  const value = name => { const n = number($(IDS[name]).value); return Number.isNaN(n) ? null : n; };
  const line = { lat: value('lat'), lon: value('lon'), bearingDeg: value('bearingDeg'), widthM: value('widthM') };
  if ($('line-backup').checked) {
    line.backup = true;
  }
  return line;
}

function showFaults(faults, others) {
  document.querySelectorAll('#line-editor .field-error').forEach(p => { p.textContent = ''; });
  FIELDS.forEach(name => $(IDS[name]).removeAttribute('aria-invalid'));
  Object.entries(faults).forEach(([name, message]) => {
    $(IDS[name] + '-error').textContent = message;
    $(IDS[name]).setAttribute('aria-invalid', 'true');
  });
  fill($('line-problems'), ...others.map(m => el('li', {}, m)));
}

async function saveLine(removing) {
  const race = ctx.race();
  const at = editing;
  const path = `legs[${at.leg}].timingPoints[${at.point}].virtual`;
  const faults = {};
  if (!removing) {
    // what is not a number at all is said here; ranges are route's to say
    FIELDS.forEach(name => {
      const raw = $(IDS[name]).value;
      if (Number.isNaN(number(raw))) {
        faults[name] = t().notANumber(raw.trim());
      }
    });
    if (Object.keys(faults).length) {
      showFaults(faults, []);
      $(IDS[Object.keys(faults)[0]]).focus();
      return;
    }
  }
  const definition = JSON.parse(JSON.stringify(race));
  delete definition.revision;
  delete definition.posted;
  delete definition.published;
  const point = definition.legs[at.leg].timingPoints[at.point];
  if (removing) {
    delete point.virtual;
  } else {
    point.virtual = lineFromFields();
  }
  let saved;
  try {
    saved = await call(ctx.routeUrl(), 'PUT', `/api/races/${encodeURIComponent(ctx.raceId())}`,
      { body: definition, token: ctx.token(), headers: { 'If-Match': `"${race.revision}"` } });
  } catch (e) {
    if (e.status === 412) {
      showFaults({}, [t().stale]);
      ctx.say(t().stale);
      return;
    }
    const mine = {};
    const others = [];
    (e.errors.length ? e.errors : [{ message: e.message }]).forEach(f => {
      const name = f.field && f.field.startsWith(path + '.') ? f.field.substring(path.length + 1) : null;
      if (name && IDS[name]) {
        mine[name] = mine[name] ? mine[name] + ' · ' + f.message : f.message;
      } else {
        others.push(f.message);
      }
    });
    showFaults(mine, others);
    const first = FIELDS.find(n => mine[n]);
    if (first) {
      $(IDS[first]).focus();
    }
    ctx.say(e.message);
    return;
  }
  editing = null;
  await ctx.reload();
  ctx.say(removing ? t().removed(at.id, saved.revision) : t().saved(at.id, saved.revision));
  if (!removing) {
    followReplay(at.id);
  }
}

/** Timing's re-processing of the fixes already sent, for the line just saved: a line of progress while it runs. */
function followReplay(point) {
  clearTimeout(replayTimer);
  const started = Date.now();
  const look = async () => {
    const line = $('lines-replay');
    if (!line) {
      return;
    }
    let replay = null;
    try {
      const replays = await ctx.timing('GET', `/api/races/${encodeURIComponent(ctx.raceId())}/gps/replays`);
      replay = (replays || []).find(x => x.point === point) || null;
    } catch (e) {
      replay = null;
    }
    line.textContent = replay ? t().replay(point, t().states[replay.state] || replay.state, replay.fixesRead ?? 0, replay.crossings ?? 0)
      : t().replayWaiting(point);
    if ((!replay || replay.state !== 'DONE') && Date.now() - started < 120_000) {
      replayTimer = setTimeout(look, 2000);
    }
  };
  look();
}

// ---- the map

function closeMap() {
  if (map) {
    map.remove();
    map = null;
    drawn = null;
  }
}

async function openMap(leg, p) {
  const box = $('line-map');
  if (!box) {
    return;
  }
  let L;
  try {
    L = await import(LEAFLET + 'leaflet-src.esm.js');
    if (tiles === null) {
      const config = await fetch('/dashboard/config.json').then(x => x.json()).catch(() => ({}));
      tiles = { url: config.tiles || '', attribution: config.tilesAttribution || '' };
    }
  } catch (e) {
    $('line-map-hint').textContent = t().noMap;
    return; // the fields do everything the map does
  }
  if (!$('line-map') || $('line-map') !== box) {
    return; // re-rendered meanwhile
  }
  box.hidden = false;
  map = L.map(box, { zoomControl: true, attributionControl: true, keyboard: true, maxZoom: 19 });
  map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
  if (tiles.url) {
    L.tileLayer(tiles.url, { maxZoom: 19, attribution: tiles.attribution, className: 'base-tiles' }).addTo(map);
  }
  const towns = (leg.towns || []).filter(x => x.lat != null && x.lon != null).slice().sort((a, b) => (a.km ?? 0) - (b.km ?? 0));
  const road = towns.map(x => [x.lat, x.lon]);
  if (road.length > 1) {
    L.polyline(road, { className: 'route-line', color: '#1d3557', weight: 3, opacity: 0.6, interactive: false }).addTo(map);
  }
  towns.forEach(x => L.circleMarker([x.lat, x.lon], { radius: 4, color: '#1b1b1b', weight: 1.5, fillColor: '#fff', fillOpacity: 1, interactive: false })
    .bindTooltip(el('span', {}, x.name || ''), { direction: 'right' }).addTo(map));
  // the leg's other lines, thin: where the new one lies among them
  (leg.timingPoints || []).filter(o => o.virtual && o.id !== p.id && o.virtual.lat != null).forEach(o => {
    const v = o.virtual;
    L.polyline(lineEnds(v.lat, v.lon, v.bearingDeg || 0, v.widthM || DEFAULT_WIDTH_M), { color: '#555', weight: 3, interactive: false }).addTo(map);
  });
  drawn = {
    L,
    line: L.polyline([], { className: 'gps-line', color: '#c1121f', weight: 6, interactive: false }).addTo(map),
    road: L.polyline([], { className: 'gps-heading', color: '#c1121f', weight: 2, dashArray: '4 4', interactive: false }).addTo(map),
    centre: L.circleMarker([0, 0], { radius: 4, color: '#c1121f', weight: 2, fillColor: '#fff', fillOpacity: 1, interactive: false }),
  };
  const here = lineFromFields();
  if (here.lat !== null && here.lon !== null) {
    map.setView([here.lat, here.lon], 18);
  } else if (road.length) {
    map.fitBounds(road, { padding: [20, 20] });
  } else {
    map.setView([45.5, 10.2], 8);
  }
  map.on('click', e => {
    $(IDS.lat).value = String(round(e.latlng.lat, 6));
    $(IDS.lon).value = String(round(e.latlng.lng, 6));
    drawLine();
    if (map.getZoom() < 15) {
      map.setView(e.latlng, 18);
    }
    $('line-map-hint').textContent = t().placedAt(round(e.latlng.lat, 6), round(e.latlng.lng, 6));
  });
  drawLine();
}

/** The line as the fields say it, across the road, with the road's heading dashed through its centre. */
function drawLine() {
  if (!map || !drawn) {
    return;
  }
  const v = lineFromFields();
  const ok = v.lat !== null && v.lon !== null && Math.abs(v.lat) <= 90 && Math.abs(v.lon) <= 180;
  if (!ok) {
    drawn.line.setLatLngs([]);
    drawn.road.setLatLngs([]);
    drawn.centre.remove();
    return;
  }
  const bearing = v.bearingDeg ?? 0;
  const width = v.widthM && v.widthM > 0 ? Math.min(v.widthM, 200) : DEFAULT_WIDTH_M;
  drawn.line.setLatLngs(lineEnds(v.lat, v.lon, bearing, width));
  // the road's heading: from 1.5 widths behind the line to 1.5 widths beyond it
  drawn.road.setLatLngs(lineEnds(v.lat, v.lon, (bearing + 270) % 360, width * 3));
  drawn.centre.setLatLng([v.lat, v.lon]);
  if (!map.hasLayer(drawn.centre)) {
    drawn.centre.addTo(map);
  }
}

/** Wires the Route tab's lines; {@code console} gives the calls, texts and helpers of direction.js. */
export function setUpLines(console) {
  ctx = console;
}
