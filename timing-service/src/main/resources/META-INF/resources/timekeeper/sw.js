// The timekeeper app's service worker: the app shell from the cache first (the post works with no network once
// loaded), refreshed in the background; the races' timing points from the network first, the cached copy offline.
// Passages and voids are never handled here: the page queues them in IndexedDB and sends them itself.
const SHELL = 'timekeeper-shell-v6';
const DATA = 'timekeeper-data-v1';
// the page's own files, and the module every page of the project imports (served by each service at /shared/)
const SHARED = '/shared/page.js';
const FILES = ['./', 'index.html', 'app.js', 'app-core.js', 'app-text.js', 'app-post.js', 'app-capture.js', 'app-outbox.js', 'app-clock.js', 'clock-sample.js',
  'instruments.js', 'chrono.js', 'app.css', 'manifest.json', 'icon-192.png', 'icon-512.png', SHARED];

self.addEventListener('install', event => {
  event.waitUntil(caches.open(SHELL).then(cache => cache.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', event => {
  event.waitUntil(caches.keys()
    .then(keys => Promise.all(keys.filter(k => k.startsWith('timekeeper-') && k !== SHELL && k !== DATA).map(k => caches.delete(k))))
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
    }).catch(() => caches.match(request).then(hit => hit || Response.error())));
    return;
  }
  const scope = new URL(self.registration.scope);
  if (!url.pathname.startsWith(scope.pathname) && url.pathname !== SHARED) {
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
