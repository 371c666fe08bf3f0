// The timekeeper app's service worker: the offline shell (offline-shell.js) over the app's files and the module every
// page of the project imports (served by each service at /shared/). Passages and voids are the page's, never the worker's.
importScripts('offline-shell.js');
offlineShell({
  name: 'timekeeper',
  version: 7,
  files: ['./', 'index.html', 'app.js', 'app-core.js', 'app-text.js', 'app-post.js', 'app-capture.js', 'app-outbox.js', 'app-clock.js',
    'clock-sample.js', 'instruments.js', 'chrono.js', 'app.css', 'manifest.json', 'icon-192.png', 'icon-512.png', '/shared/page.js']
});
