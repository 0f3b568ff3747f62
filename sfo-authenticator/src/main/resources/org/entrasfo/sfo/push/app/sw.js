// Service worker of the sign-in approvals app: shows a notification for each push (ids only; the app fetches the
// details with a signed request when opened) and keeps the app's own files for a start without network.
const CACHE = "sfo-push-app-1";
const SHELL = ["./", "index.html", "app.js", "app.css", "manifest.webmanifest", "icon.svg", "icon-192.png", "icon-512.png"];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))))
    .then(() => self.clients.claim()));
});

// Network first for the app's files, the cache only when offline; the protocol's endpoints are never cached.
self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(self.registration.scope)) return;
  event.respondWith(fetch(request).then((response) => {
    const copy = response.clone();
    caches.open(CACHE).then((cache) => cache.put(request, copy));
    return response;
  }).catch(() => caches.match(request)));
});

self.addEventListener("push", (event) => {
  let payload = {};
  try { payload = event.data ? event.data.json() : {}; } catch (e) { return; }
  if (payload.type !== "sfo-push-challenge") return;
  event.waitUntil(self.registration.showNotification("Sign-in request", {
    body: "Open to see where it comes from and approve or deny it.",
    tag: payload.challenge,
    requireInteraction: true,
    icon: "icon-192.png",
    data: payload,
  }));
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const { challenge, credential_id: credentialId } = event.notification.data || {};
  event.waitUntil(self.clients.matchAll({ type: "window", includeUncontrolled: true }).then((windows) => {
    const open = windows.find((w) => w.url.startsWith(self.registration.scope));
    if (open) {
      open.postMessage({ challenge, credential_id: credentialId });
      return open.focus();
    }
    return self.clients.openWindow(`./#challenge=${encodeURIComponent(challenge)}&account=${encodeURIComponent(credentialId)}`);
  }));
});
