// The leg on a real base map: Leaflet, served by this service from its web jar (pinned in the pom), the tiles from the
// server the configuration names (regularity.dashboard.tiles, with its attribution). The route, its towns and timing
// points from route-service's GeoJSON; each running car a numbered marker; cars that would overlap are one marker
// saying how many (a click zooms in on them); the followed car is never grouped and stays in the middle.
import { el as h } from '/shared/page.js';
import { t } from './dashboard-core.js';

const LEAFLET = '/webjars/leaflet/1.9.4/dist/';
const NEAR = 26; // px: markers closer than this are grouped

function stylesheet() {
  if (!document.querySelector('link[data-leaflet]')) {
    document.head.append(h('link', { rel: 'stylesheet', href: LEAFLET + 'leaflet.css', 'data-leaflet': '' }));
  }
}

/** A label as text, never as HTML (Leaflet puts a string it is given into the page as markup; a town's name is data). */
const text = value => h('span', {}, String(value ?? ''));

/** A base map for the leg's GeoJSON: its element (put it in the page, then call start) and how to place cars on it. */
export async function baseMap(geo, config) {
  const L = await import(LEAFLET + 'leaflet-src.esm.js');
  stylesheet();
  const element = h('div', { id: 'base-map', class: 'base-map', role: 'region', 'aria-label': t().mapLabel });
  let map = null;
  let cars = null;
  const singles = new Map(); // car → marker
  let groups = new Map(); // "7,21,34" → marker
  let onPick = () => {};

  const start = () => {
    map = L.map(element, { zoomControl: true, attributionControl: true, keyboard: true });
    map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
    L.tileLayer(config.tiles, { maxZoom: 19, attribution: config.tilesAttribution || '', className: 'base-tiles' }).addTo(map);
    const bounds = [];
    for (const f of geo.features) {
      const g = f.geometry;
      if (g.type === 'LineString') {
        const line = g.coordinates.map(c => [c[1], c[0]]);
        bounds.push(...line);
        L.polyline(line, { className: 'route-line', color: '#1d3557', weight: 4, interactive: false }).addTo(map);
      } else if (f.properties.kind === 'town') {
        const at = [g.coordinates[1], g.coordinates[0]];
        bounds.push(at);
        L.circleMarker(at, { radius: 5, className: 'town-dot', color: '#1b1b1b', weight: 1.5, fillColor: '#fff', fillOpacity: 1 })
          .bindTooltip(text(f.properties.name), { permanent: true, direction: 'right', className: 'town-label' }).addTo(map);
      } else if (f.properties.kind === 'timingPoint') {
        const at = [g.coordinates[1], g.coordinates[0]];
        const uses = f.properties.trialLaps ? f.properties.trialLaps.map(u => u.trial + ' (' + u.lap + ')') : (f.properties.trials || []);
        const name = f.properties.id + (f.properties.lapLine ? ' · ' + t().lapLine : '') + (uses.length ? ' · ' + uses.join(', ') : '');
        L.circleMarker(at, { radius: f.properties.lapLine ? 6 : 3, className: f.properties.lapLine ? 'point-dot lap-line' : 'point-dot',
          color: '#9d0208', weight: 2, fillOpacity: 0.8 }).bindTooltip(text(name), { permanent: !!f.properties.lapLine, direction: 'bottom' }).addTo(map);
      }
    }
    if (bounds.length) map.fitBounds(bounds, { padding: [24, 24] });
    else map.setView([45.5, 10.2], 8);
    map.on('zoomend', () => { if (cars) draw(); });
  };

  // the pin's text is a car number or a count: digits and a lap, nothing a page could read as markup
  const pin = (label, cls) => L.divIcon({ className: 'car-pin ' + cls, html: '<span>' + String(label).replace(/[^0-9 ·]/g, '') + '</span>',
    iconSize: null, iconAnchor: [14, 14] });

  /** A marker a keyboard can reach and a screen reader can name. */
  const named = (marker, label, car) => {
    const e = marker.getElement();
    if (!e) return;
    e.setAttribute('aria-label', label);
    e.setAttribute('title', label);
    if (car !== undefined) e.setAttribute('data-car', car);
  };

  let last = null;
  const draw = () => {
    const { list, followed, at, label, estimated } = last;
    const points = list.map(c => ({ c, ll: at(c) })).filter(x => x.ll).map(x => ({ ...x, p: map.latLngToLayerPoint(x.ll) }));
    const clusters = [];
    for (const x of points) {
      const alone = followed && followed.car === x.c.car;
      const near = alone ? null : clusters.find(g => !g.alone && g.p.distanceTo(x.p) < NEAR);
      if (near) near.members.push(x);
      else clusters.push({ p: x.p, alone, members: [x] });
    }
    const seenSingles = new Set();
    const seenGroups = new Set();
    for (const g of clusters) {
      if (g.members.length === 1) {
        const { c, ll } = g.members[0];
        seenSingles.add(c.car);
        let m = singles.get(c.car);
        if (!m) {
          m = L.marker(ll, { keyboard: true, riseOnHover: true });
          m.on('click', () => onPick(c.car));
          singles.set(c.car, m);
        }
        const cls = (estimated(c) ? 'estimated' : '') + (followed && followed.car === c.car ? ' found' : '');
        m.setIcon(pin(c.car + (c.lap ? ' · ' + c.lap : ''), cls));
        m.setLatLng(ll);
        if (!map.hasLayer(m)) m.addTo(map);
        m.setZIndexOffset(followed && followed.car === c.car ? 1000 : 0);
        named(m, label(c), c.car);
      } else {
        const key = g.members.map(x => x.c.car).join(',');
        seenGroups.add(key);
        const center = map.layerPointToLatLng(g.members.reduce((s, x) => s.add(x.p), L.point(0, 0)).divideBy(g.members.length));
        let m = groups.get(key);
        if (!m) {
          m = L.marker(center, { keyboard: true, icon: pin(String(g.members.length), 'group') });
          const lls = g.members.map(x => x.ll);
          m.on('click', () => map.fitBounds(lls, { padding: [40, 40], maxZoom: Math.max(map.getZoom() + 2, 14) }));
          groups.set(key, m);
          m.addTo(map);
        }
        m.setLatLng(center);
        named(m, t().carsHere(g.members.map(x => x.c.car)));
      }
    }
    for (const [car, m] of singles) if (!seenSingles.has(car) && map.hasLayer(m)) m.remove();
    for (const [key, m] of groups) if (!seenGroups.has(key)) { m.remove(); groups.delete(key); }
  };

  return {
    element,
    start,
    onPick: f => { onPick = f; },
    /** Puts the cars where {@code at} says ([lat, lon] or null), the followed one in the middle. */
    place(list, followed, at, label, estimated) {
      if (!map) return;
      cars = list;
      last = { list, followed, at, label, estimated };
      if (followed && at(followed)) {
        const ll = at(followed);
        if (map.getZoom() < 12) map.setView(ll, 13, { animate: false });
        else map.panTo(ll, { animate: false });
      }
      draw();
    },
  };
}
