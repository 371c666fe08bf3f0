// The leg map: the route, its towns and timing points from route-service's GeoJSON, on a base map when a tile server is
// set (dashboard-basemap.js) and as a schematic of the towns otherwise, and every running
// car where the facts put it (GET …/positions, docs/rules.md "Where a car is now"), moved on between crossings at the
// speed its trials impose and fetched again whenever the live stream says the race changed. A car that sends fixes is
// where its latest fix says (`estimated: false` with `fixAt`), moved as its fixes come by the compact positions stream
// (GET …/positions/stream: [[car, lat, lon, headingDeg, fixTimeMs], …] once a second); a fix older than two minutes falls
// back to the estimate. Search a car: the map follows it.
import { el as h, fill } from '/shared/page.js';
import { baseMap } from './dashboard-basemap.js';
import { clock, config, definition, esc, every, href, json, ns, openStream, state, svgRoot, t } from './dashboard-core.js';

const W = 900;
/** A fix places its car while at most this old (the server's regularity.positions.fix-max-age, 2 minutes by default). */
const FIX_MAX_AGE_MS = 120000;
const H = 560;
const P = 40;

/** [lon, lat] at {@code km} between the places (km order), as route-service and classification place it (service-support's Along). */
export function along(places, km, lapKm) {
  let before = places[0];
  if (km <= before.km) {
    return [before.lon, before.lat];
  }
  const between = (a, afterKm, lon, lat) => {
    const span = afterKm - a.km;
    const f = span <= 0 ? 0 : (km - a.km) / span;
    return [a.lon + f * (lon - a.lon), a.lat + f * (lat - a.lat)];
  };
  for (const after of places) {
    if (after.km >= km) {
      return between(before, after.km, after.lon, after.lat);
    }
    before = after;
  }
  if (lapKm && lapKm > before.km && km < lapKm) {
    return between(before, lapKm, places[0].lon, places[0].lat);
  }
  return [before.lon, before.lat];
}

/** The map drawn from the leg's GeoJSON, with how to put a [lon, lat] on it. */
function drawMap(geo) {
  const coords = [];
  for (const f of geo.features) {
    if (f.geometry.type === 'Point') coords.push(f.geometry.coordinates);
    else coords.push(...f.geometry.coordinates);
  }
  const svg = svgRoot('leg-map', W, H, t().mapLabel);
  if (coords.length === 0) return { svg, px: null };
  const lons = coords.map(c => c[0]);
  const lats = coords.map(c => c[1]);
  const minLon = Math.min(...lons), maxLon = Math.max(...lons), minLat = Math.min(...lats), maxLat = Math.max(...lats);
  const k = Math.cos((minLat + maxLat) / 2 * Math.PI / 180); // equirectangular, true to scale near the leg
  const scale = Math.min((W - 2 * P) / ((maxLon - minLon) * k || 1), (H - 2 * P) / ((maxLat - minLat) || 1));
  const px = c => [P + (c[0] - minLon) * k * scale, H - P - (c[1] - minLat) * scale];
  for (const f of geo.features.filter(x => x.geometry.type === 'LineString')) {
    svg.append(ns('polyline', { class: 'route', points: f.geometry.coordinates.map(c => px(c).join(',')).join(' ') }));
  }
  for (const f of geo.features.filter(x => x.properties.kind === 'town')) {
    const [x, y] = px(f.geometry.coordinates);
    svg.append(ns('circle', { class: 'town', cx: x, cy: y, r: 5 }));
    const label = ns('text', { x: x + 8, y: y - 6 });
    label.textContent = f.properties.name;
    svg.append(label);
  }
  for (const f of geo.features.filter(x => x.properties.kind === 'timingPoint')) {
    const [x, y] = px(f.geometry.coordinates);
    const size = f.properties.lapLine ? 10 : 6;
    const r = ns('rect', { class: f.properties.lapLine ? 'point lap-line' : 'point', x: x - size / 2, y: y - size / 2, width: size, height: size });
    const uses = f.properties.trialLaps ? f.properties.trialLaps.map(u => u.trial + ' (' + u.lap + ')') : (f.properties.trials || []);
    const title = ns('title', {});
    title.textContent = f.properties.id + (f.properties.lapLine ? ' · ' + t().lapLine : '') + (uses.length ? ' · ' + uses.join(', ') : '');
    r.append(title);
    svg.append(r);
    if (f.properties.lapLine) {
      const label = ns('text', { x: x + 8, y: y + 16, class: 'lap-line-label' });
      label.textContent = t().lapLine;
      svg.append(label);
    }
  }
  return { svg, px };
}

/** On a circuit: "lap 3 of 6", the furthest lap with a trial measured for some crew ("6 laps" before any). */
async function lapNow(raceId, leg) {
  const lapOf = x => (x.type === 'PC' || x.type === 'PM' ? (x.startLap || 1) : (x.lap || 1));
  const laps = Object.fromEntries((leg.trials || []).map(x => [x.id, lapOf(x)]));
  let summary = [];
  try { summary = await json('/api/races/' + esc(raceId) + '/trials'); } catch (e) { summary = []; }
  const measured = summary.filter(s => s.leg === leg.number && s.measured > 0 && laps[s.trial]).map(s => laps[s.trial]);
  return measured.length ? t().circuitLap(Math.max(...measured), leg.laps) : t().circuitLaps(leg.laps);
}

const fold = s => String(s || '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

export async function mapPage(app, raceId, params) {
  const def = await definition(raceId);
  if (def.unavailable) throw new Error('route-service is not reachable for the map');
  const legs = def.legs.map(l => l.number);
  const leg = Number(params.get('leg') || legs[0] || 1);
  const geo = await json((await config()).routeUrl + '/api/races/' + esc(raceId) + '/legs/' + leg + '.geojson');
  const legDef = def.legs.find(l => l.number === leg) || {};
  document.title = t().mapTitle(def.name || raceId, leg);
  const selector = h('select', { id: 'leg-select', 'aria-label': t().leg, onchange: e => { location.hash = href('/race/' + esc(raceId) + '/map', { leg: e.target.value }); } },
    legs.map(n => h('option', { value: n, selected: n === leg }, t().legN(n) + ' · ' + (def.legs.find(l => l.number === n).name || ''))));
  const search = h('input', { id: 'find-car', type: 'search', placeholder: t().findHint, autocomplete: 'off' });
  const status = h('p', { id: 'map-status', class: 'muted', role: 'status', 'aria-live': 'polite' });
  const lapLine = legDef.laps > 1 ? h('p', { id: 'lap', class: 'meta' }, await lapNow(raceId, legDef)) : null;
  const conf = await config();
  const base = conf.tiles ? await baseMap(geo, conf) : null;
  const { svg, px } = base ? { svg: null, px: null } : drawMap(geo);
  const layer = ns('g', { class: 'cars' });
  if (svg) svg.append(layer);
  fill(app, h('h1', {}, t().mapTitle(def.name || raceId, leg)),
    h('div', { class: 'controls' }, selector, h('label', { for: 'find-car' }, t().findCar), search), lapLine, status,
    h('div', { class: 'card' }, base ? base.element : svg));
  if (base) base.start();
  else if (!px) return;

  const places = geo.features.filter(f => f.properties.kind === 'town' && f.properties.km !== null && f.properties.km !== undefined)
    .map(f => ({ km: f.properties.km, lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1] })).sort((a, b) => a.km - b.km);
  const lapKm = legDef.laps > 1 && legDef.distanceKm ? legDef.distanceKm / legDef.laps : null;
  let cars = [];
  let skew = 0; // the server's clock against this browser's
  const markers = new Map();
  const streamed = new Map(); // car → its latest fix from the stream: { lat, lon, heading, time (ms) }

  /** The car's fresh fix ({ lat, lon, heading, time }), the newer of the list's and the stream's, or null. */
  const gps = c => {
    const listed = c.fixAt ? { lat: c.lat, lon: c.lon, heading: c.headingDeg, time: Date.parse(c.fixAt) } : null;
    const heard = streamed.get(c.car);
    const fix = heard && (!listed || heard.time > listed.time) ? heard : listed;
    return fix && Date.now() + skew - fix.time <= FIX_MAX_AGE_MS ? fix : null;
  };

  const kmNow = c => {
    const hours = Math.max(0, Date.now() + skew - Date.parse(c.crossedAt)) / 3_600_000;
    return Math.min(c.crossedKm + c.speedKmh * hours, c.untilKm);
  };
  /** [lon, lat] of a car now: along the towns at its estimated km, or where it was last placed. */
  const lonLat = c => {
    const fix = gps(c);
    if (fix) return [fix.lon, fix.lat];
    if (places.length) return along(places, kmNow(c), lapKm);
    return c.lon !== null && c.lon !== undefined ? [c.lon, c.lat] : null;
  };
  const where = c => { const at = lonLat(c); return at ? px(at) : null; };
  const estimated = c => !gps(c) && kmNow(c) > c.crossedKm;
  const label = c => {
    const fix = gps(c);
    return fix ? t().carByGps(c.car, c.crew, clock(new Date(fix.time).toISOString(), def), c.lap)
      : t().carAt(c.car, c.crew, c.point, clock(c.crossedAt, def), estimated(c), c.lap);
  };
  const found = () => {
    const q = fold(search.value.trim());
    if (!q) return null;
    return cars.find(c => String(c.car) === q) || cars.find(c => fold(c.crew).includes(q)) || undefined;
  };
  const say = followed => {
    status.textContent = followed ? t().following(followed.car, followed.crew)
      : search.value.trim() && followed === undefined ? t().notFound(search.value.trim()) : t().carsOnMap(cars.length);
  };
  const place = () => {
    const followed = found();
    say(followed);
    if (base) {
      base.place(cars, followed, c => { const at = lonLat(c); return at ? [at[1], at[0]] : null; }, label, estimated);
      return;
    }
    for (const c of cars) {
      const m = markers.get(c.car);
      const at = where(c);
      if (!m || !at) continue;
      m.dot.setAttribute('cx', at[0].toFixed(1));
      m.dot.setAttribute('cy', at[1].toFixed(1));
      const fix = gps(c);
      m.dot.setAttribute('class', 'car' + (fix ? ' gps' : '') + (estimated(c) ? ' estimated' : '') + (followed && followed.car === c.car ? ' found' : ''));
      m.dot.setAttribute('data-km', kmNow(c).toFixed(3));
      if (fix) m.dot.setAttribute('data-fix-time', String(fix.time)); // when the fix it stands at was taken: fix to map
      else m.dot.removeAttribute('data-fix-time');
      m.dot.setAttribute('aria-label', label(c));
      m.title.textContent = m.dot.getAttribute('aria-label');
      m.label.setAttribute('x', (at[0] + 6).toFixed(1));
      m.label.setAttribute('y', (at[1] - 6).toFixed(1));
    }
    if (followed) {
      const at = where(followed);
      const w = W / 4, hgt = H / 4;
      svg.setAttribute('viewBox', `${(at[0] - w / 2).toFixed(1)} ${(at[1] - hgt / 2).toFixed(1)} ${w} ${hgt}`);
    } else {
      svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
    }
  };
  const draw = () => {
    if (base) { place(); return; }
    markers.clear();
    fill(layer);
    for (const c of cars) {
      const dot = ns('circle', { class: 'car', r: 5, 'data-car': c.car, role: 'img', tabindex: 0, cx: 0, cy: 0 });
      const title = ns('title', {});
      dot.append(title);
      const label = ns('text', { class: 'car-label', 'aria-hidden': 'true' });
      label.textContent = c.car + (c.lap ? ' · ' + c.lap : '');
      layer.append(dot, label);
      markers.set(c.car, { dot, title, label });
    }
    place();
  };
  let fetching = null;
  let last = 0;
  let again = null;
  // at most once a second (the server keeps a leg's answer that long); a change heard meanwhile is fetched right after
  const refresh = async () => {
    if (fetching || Date.now() - last < 1100) {
      clearTimeout(again);
      again = setTimeout(refresh, Math.max(200, 1100 - (Date.now() - last)));
      return;
    }
    last = Date.now();
    fetching = json('/api/races/' + esc(raceId) + '/positions?leg=' + leg).then(list => {
      cars = list;
      if (list.length) skew = Date.parse(list[0].at) - Date.now();
      draw();
    }).catch(() => {}).finally(() => { fetching = null; });
    await fetching;
  };
  search.addEventListener('input', place);
  if (base) base.onPick(car => { search.value = String(car); place(); });
  await refresh();
  every(1000, place);
  openStream('/api/races/' + esc(raceId) + '/standings/stream?size=1&compact=true', () => refresh(), () => refresh());
  // the cars' fixes as they come, at most once a second a car; closed with the view (closeStream)
  const fixes = new EventSource('/api/races/' + esc(raceId) + '/positions/stream');
  state.sources.push(fixes);
  fixes.addEventListener('fixes', event => {
    let rows = [];
    try { rows = JSON.parse(event.data); } catch (e) { return; }
    for (const [car, lat, lon, heading, time] of rows) {
      const held = streamed.get(car);
      if (!held || time > held.time) streamed.set(car, { lat, lon, heading, time });
    }
    if (rows.length) place();
  });
}
