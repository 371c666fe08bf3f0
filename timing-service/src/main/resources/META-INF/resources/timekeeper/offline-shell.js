// The offline shell both of timing's apps run in their service worker (the timekeeper app's and the crew app's):
// the app's files from the cache first (the app works with no network once loaded), refreshed in the background;
// the races (/api/races) from the network first, the cached copy offline. What the apps record (passages, voids,
// fixes) is never handled here: each page keeps it in IndexedDB and sends it itself.
//   offlineShell({ name, version, files }): caches '<name>-shell-v<version>' and '<name>-data-v1'; files are relative
//   to the worker or absolute, and those outside its scope (another app's, /shared/) are served from the cache too.
function offlineShell({ name, version, files }) {
  const SHELL = name + '-shell-v' + version;
  const DATA = name + '-data-v1';
  const outside = files.filter(f => f.startsWith('../') || f.startsWith('/')).map(f => new URL(f, self.location).pathname);

  self.addEventListener('install', event => {
    event.waitUntil(caches.open(SHELL).then(cache => cache.addAll(files)).then(() => self.skipWaiting()));
  });

  self.addEventListener('activate', event => {
    event.waitUntil(caches.keys()
      .then(keys => Promise.all(keys.filter(k => k.startsWith(name + '-') && k !== SHELL && k !== DATA).map(k => caches.delete(k))))
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
    if (!url.pathname.startsWith(scope.pathname) && !outside.includes(url.pathname)) {
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
}
