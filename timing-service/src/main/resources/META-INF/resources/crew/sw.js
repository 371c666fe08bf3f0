// The crew app's service worker: the timekeeper app's offline shell (offline-shell.js) over the crew app's files, the
// timekeeper app's it shares and the project's /shared/page.js. Fixes are the page's, never the worker's.
importScripts('../timekeeper/offline-shell.js');
offlineShell({
  name: 'crew',
  version: 2,
  files: ['./', 'index.html', 'crew.js', 'crew-outbox.js', 'crew-text.js', 'nmea.js', 'crew.css', 'manifest.json',
    '../timekeeper/app.css', '../timekeeper/chrono.js', '../timekeeper/clock-sample.js', '../timekeeper/icon-192.png',
    '../timekeeper/icon-512.png', '/shared/page.js']
});
