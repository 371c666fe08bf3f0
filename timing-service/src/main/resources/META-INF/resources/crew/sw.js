// The crew app's service worker: the app shell from the cache first (the app records with no network once loaded),
// refreshed in the background, with the timekeeper app's files it shares and the project's /shared/page.js; the races
// from the network first, the cached copy offline. Fixes are never handled here: the page keeps them in IndexedDB and
// sends them itself.
const SHELL = 'crew-shell-v1';
const DATA = 'crew-data-v1';
const FILES = ['./', 'index.html', 'crew.js', 'crew-outbox.js', 'crew-text.js', 'nmea.js', 'crew.css', 'manifest.json',
  '../timekeeper/app.css', '../timekeeper/chrono.js', '../timekeeper/clock-sample.js', '../timekeeper/icon-192.png',
  '../timekeeper/icon-512.png', '/shared/page.js'];
const SHARED = FILES.filter(f => f.startsWith('../') || f.startsWith('/')).map(f => new URL(f, self.location).pathname);

self.addEventListener('install', event => {
  event.waitUntil(caches.open(SHELL).then(cache => cache.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', event => {
  event.waitUntil(caches.keys()
    .then(keys => Promise.all(keys.filter(k => k.startsWith('crew-') && k !== SHELL && k !== DATA).map(k => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', event => {
  const request = event.request;
  if (request.method !== 'GET') {
    return;
  }
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) {
    return;
  }
  if (url.pathname === '/api/races') {
    event.respondWith(fetch(request).then(response => {
      if (response.ok) {
        const copy = response.clone();
        caches.open(DATA).then(cache => cache.put(request, copy));
      }
      return response;
    }).catch(() => caches.match(request, { cacheName: DATA }).then(hit => hit || Response.error())));
    return;
  }
  const scope = new URL(self.registration.scope);
  if (!url.pathname.startsWith(scope.pathname) && !SHARED.includes(url.pathname)) {
    return;
  }
  event.respondWith(caches.open(SHELL).then(cache => cache.match(request, { ignoreSearch: true }).then(hit => {
    const refresh = fetch(request).then(response => {
      if (response.ok) {
        cache.put(request, response.clone());
      }
      return response;
    });
    if (hit) {
      refresh.catch(() => {});
      return hit;
    }
    return refresh;
  })));
});
