// Formwork's service worker: once the designer has been opened, it opens again without
// a network. On install it keeps the page, every asset the page names, the resource
// catalogs, AWS's icons and the simulator's worker. Every request goes to the network first, so a new
// release is used as soon as there is one, and what comes back is kept; without a
// network, the kept copy answers.
// Only this site's own GET requests are handled: the designer fetches nothing else.

const CACHE = 'formwork';

// The simulator's worker: the page does not name it (the app starts it when a
// simulation runs), and Trunk does not hash its names.
const WORKER = ['./formwork-worker_loader.js', './formwork-worker.js', './formwork-worker_bg.wasm'];

// Trunk names assets with a content hash (`formwork-app-0123456789abcdef_bg.wasm`); a
// new release's copy replaces the old one instead of piling up beside it.
const family = (url) => url.replace(/-[0-9a-f]{16}(?=[._])/, '');

async function keep(cache, request, response) {
  const url = typeof request === 'string' ? new URL(request, self.registration.scope).href : request.url;
  const stale = (await cache.keys()).filter((k) => k.url !== url && family(k.url) === family(url));
  await Promise.all(stale.map((k) => cache.delete(k)));
  await cache.put(request, response);
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const page = await fetch('./', { cache: 'no-cache' });
      const html = await page.clone().text();
      await keep(cache, './', page);
      const named = [...html.matchAll(/(?:href|src)="(\.\/[^"#?]+)"/g)].map((m) => m[1]);
      for (const asset of new Set([...named, './catalog.txt', './catalog-curated.txt', './aws-icons.svg', ...WORKER])) {
        const response = await fetch(asset, { cache: 'no-cache' });
        if (response.ok) await keep(cache, asset, response);
      }
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.ok && response.type === 'basic') {
          const copy = response.clone();
          event.waitUntil(caches.open(CACHE).then((cache) => keep(cache, request, copy)));
        }
        return response;
      })
      .catch(async () => {
        const kept =
          (await caches.match(request, { ignoreSearch: true })) ??
          (request.mode === 'navigate' ? await caches.match('./') : undefined);
        return kept ?? Response.error();
      }),
  );
});
