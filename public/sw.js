// Offline support. The build (scripts/post-build.mjs) replaces the two
// placeholders below with the list of every built file and a hash of their
// contents, so each deployment gets its own cache and its own worker.
const VERSION = '__BUILD_VERSION__';
const PRECACHE = __PRECACHE_LIST__;
const CACHE = `coffee-chat-${VERSION}`;

self.addEventListener('install', (event) => {
  // 'reload' skips the HTTP cache: a stale copy must not be frozen in.
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE.map((url) => new Request(url, { cache: 'reload' })))),
  );
  // A first install has nobody to interrupt; an update waits for the user.
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name.startsWith('coffee-chat-') && name !== CACHE)
            .map((name) => caches.delete(name)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  // Every screen is the same page: deep links and reloads get the cached
  // shell, so the app opens with no network at all.
  const lookup = request.mode === 'navigate' ? '/index.html' : url.pathname;
  event.respondWith(
    caches
      .open(CACHE)
      .then((cache) => cache.match(lookup))
      .then((cached) => cached || fetch(request)),
  );
});
