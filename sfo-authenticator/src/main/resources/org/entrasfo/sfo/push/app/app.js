// The device side of the push approval protocol (docs/push-approval-protocol.md), as an installable web app. The
// device key is a non-extractable WebCrypto key kept in IndexedDB: it signs, it never leaves the browser's key store.
const TEXT = {
  realm: (url) => `Server: ${url}`,
  enrolReady: "Give this device a name, then set it up.",
  enrolling: "Setting up...",
  enrolledPush: "This device is set up. Sign-in requests will arrive as notifications.",
  enrolledPoll: "This device is set up. Keep this app open to see sign-in requests (no push service reachable).",
  modePush: "Mode: push notifications",
  modePoll: "Mode: poll (requests appear while this app is open)",
  refused: (why) => `Not accepted: ${why}`,
  approved: "Approved. You can return to your computer.",
  denied: "Denied. Nobody is signed in.",
  reported: "Denied and reported to your security team.",
  wrongNumber: "Wrong number: the sign-in was refused. Start again on your computer if it was you.",
  expired: "This request has expired.",
  confirmReport: "Report this sign-in to your security team? Only do this if you did not try to sign in.",
  remove: "Remove from this device",
  removed: "Removed from this device. Also remove it in your account's Signing in page.",
  offline: "Cannot reach the server; trying again...",
  secondsLeft: (s) => `${s} seconds`,
};

const REALM_URL = location.href.split("/sfo-push/app/")[0];
const $ = (id) => document.getElementById(id);
const state = (name) => { document.body.dataset.state = name; };
const say = (text) => { $("status").textContent = text; };

// ---- encoding and signing ----

const utf8 = (text) => new TextEncoder().encode(text);
const b64url = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
const b64urlJson = (value) => b64url(utf8(JSON.stringify(value)));
const fromB64url = (text) => Uint8Array.from(atob(text.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));
const randomId = () => (crypto.randomUUID ? crypto.randomUUID() : b64url(crypto.getRandomValues(new Uint8Array(16))));

// WebCrypto's ECDSA signature is the raw r||s that JWS ES256 wants (RFC 7518 3.4).
async function signJws(header, claims, privateKey) {
  const input = `${b64urlJson(header)}.${b64urlJson(claims)}`;
  const signature = await crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, privateKey, utf8(input));
  return `${input}.${b64url(signature)}`;
}

function baseClaims(extra) {
  const now = Math.floor(Date.now() / 1000);
  return { aud: REALM_URL, iat: now, exp: now + 60, jti: randomId(), ...extra };
}

async function send(path, jws) {
  const response = await fetch(REALM_URL + path, {
    method: "POST", headers: { "Content-Type": "application/jwt", "Accept": "application/json" }, body: jws, cache: "no-store",
  });
  let body = {};
  try { body = await response.json(); } catch (e) { /* an empty answer */ }
  return { status: response.status, body };
}

function deviceRequest(account, path, claims) {
  return signJws({ alg: "ES256", typ: "sfo-push+jwt", kid: account.credentialId },
    baseClaims({ sub: account.userId, ...claims }), account.keyPair.privateKey).then((jws) => send(path, jws));
}

// ---- the accounts on this device (IndexedDB; CryptoKeys are stored as they are, still non-extractable) ----

function database() {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open("sfo-push", 1);
    open.onupgradeneeded = () => open.result.createObjectStore("accounts", { keyPath: "credentialId" });
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
}

async function store(mode, action) {
  const db = await database();
  return new Promise((resolve, reject) => {
    const request = action(db.transaction("accounts", mode).objectStore("accounts"));
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

const allAccounts = () => store("readonly", (s) => s.getAll());
const saveAccount = (account) => store("readwrite", (s) => s.put(account));
const removeAccount = (credentialId) => store("readwrite", (s) => s.delete(credentialId));
const accountsOfThisRealm = async () => (await allAccounts()).filter((a) => a.realmUrl === REALM_URL);

// ---- push, where the browser and a push service allow it ----

const withTimeout = (promise, millis) => Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), millis))]);

async function registration() {
  if (!("serviceWorker" in navigator)) return null;
  try {
    await navigator.serviceWorker.register("sw.js", { scope: "./" });
    return await withTimeout(navigator.serviceWorker.ready, 3000);
  } catch (e) {
    return null;
  }
}

async function vapidPublicKey() {
  const configuration = await (await fetch(`${REALM_URL}/sfo-push/device/configuration`, { cache: "no-store" })).json();
  return configuration.vapid_public_key;
}

const subscribe = (worker, vapidKey) => withTimeout(worker.pushManager.subscribe({
  userVisibleOnly: true, applicationServerKey: fromB64url(vapidKey),
}), 8000);

/** A push subscription with the realm's VAPID key, or null: then the device polls. */
async function pushSubscription() {
  try {
    const worker = await registration();
    if (!worker || !("PushManager" in window) || !("Notification" in window)) return null;
    const permission = Notification.permission === "granted" ? "granted" : await withTimeout(Notification.requestPermission(), 5000);
    if (permission !== "granted") return null;
    return (await subscribe(worker, await vapidPublicKey())).toJSON();
  } catch (e) {
    return null;
  }
}

/**
 * The realm's VAPID key follows its internal HMAC key, so a key rotation leaves old subscriptions unusable (and a
 * browser may drop a subscription by itself): at each start, a device in push mode subscribes again when its
 * subscription is gone or was made with another key, and tells the realm.
 */
async function refreshPushSubscription() {
  const pushAccounts = (await accountsOfThisRealm()).filter((account) => account.push);
  if (pushAccounts.length === 0 || !("Notification" in window) || Notification.permission !== "granted") return;
  const worker = await registration();
  if (!worker || !("PushManager" in window)) return;
  const vapidKey = await vapidPublicKey();
  const current = await worker.pushManager.getSubscription();
  const currentKey = current && current.options && current.options.applicationServerKey;
  if (currentKey && b64url(currentKey) === vapidKey) return;
  if (current) await current.unsubscribe();
  const subscription = (await subscribe(worker, vapidKey)).toJSON();
  for (const account of pushAccounts) {
    await deviceRequest(account, "/sfo-push/device/subscription", { act: "subscribe", push_subscription: subscription });
  }
}

// ---- enrolment ----

function guessDeviceName() {
  const ua = navigator.userAgent;
  const browser = /Edg\//.test(ua) ? "Edge" : /Firefox\//.test(ua) ? "Firefox" : /Chrome\//.test(ua) ? "Chrome" : /Safari\//.test(ua) ? "Safari" : "Browser";
  const system = /iPhone/.test(ua) ? "iPhone" : /iPad/.test(ua) ? "iPad" : /Android/.test(ua) ? "Android" : /Mac OS/.test(ua) ? "Mac" : /Windows/.test(ua) ? "Windows" : "Linux";
  return `${browser} on ${system}`;
}

async function enrol(permission, deviceName) {
  state("enrolling");
  say(TEXT.enrolling);
  const keyPair = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, false, ["sign"]);
  const { kty, crv, x, y } = await crypto.subtle.exportKey("jwk", keyPair.publicKey);
  const subscription = await pushSubscription();
  const claims = baseClaims({ device_name: deviceName, platform: "web-app", ...permission });
  if (subscription) claims.push_subscription = subscription;
  const jws = await signJws({ alg: "ES256", typ: "sfo-push-enrolment+jwt", jwk: { kty, crv, x, y } }, claims, keyPair.privateKey);
  const answer = await send("/sfo-push/device/enrolments", jws);
  if (answer.status !== 201) {
    state("error");
    say(TEXT.refused(answer.body.error_description || `HTTP ${answer.status}`));
    return;
  }
  await saveAccount({
    credentialId: answer.body.credential_id, userId: answer.body.user_id, username: answer.body.username,
    realm: answer.body.realm, realmUrl: REALM_URL, deviceName, keyPair, push: answer.body.push,
  });
  $("enrol").hidden = true;
  state("enrolled");
  say(answer.body.push ? TEXT.enrolledPush : TEXT.enrolledPoll);
  await showAccounts();
}

function offerEnrolment(permission) {
  $("enrol").hidden = false;
  $("device-name").value = guessDeviceName();
  say(TEXT.enrolReady);
  $("enrol-form").onsubmit = (event) => {
    event.preventDefault();
    enrol(permission, $("device-name").value.trim()).catch((e) => { state("error"); say(TEXT.refused(e.message)); });
  };
}

// ---- challenges ----

let shown = null;
let countdown = null;

async function showChallenge(account, challengeId) {
  if (shown === challengeId) return;
  shown = challengeId;
  const answer = await deviceRequest(account, `/sfo-push/device/challenges/${encodeURIComponent(challengeId)}/context`,
    { act: "context", challenge: challengeId });
  if (answer.status !== 200) {
    say(TEXT.refused(answer.body.error_description || `HTTP ${answer.status}`));
    return;
  }
  const context = answer.body;
  $("challenge-application").textContent = context.application || "";
  $("challenge-organization").textContent = context.organization || "";
  $("challenge-ip").textContent = context.client_ip || "";
  clearInterval(countdown);
  const tick = () => {
    const left = Math.max(0, context.expires_at - Math.floor(Date.now() / 1000));
    $("challenge-countdown").textContent = TEXT.secondsLeft(left);
    if (left === 0) { clearInterval(countdown); finish(TEXT.expired, "answered"); }
  };
  tick();
  countdown = setInterval(tick, 1000);
  const respond = (claims) => answerChallenge(account, challengeId, claims);
  $("choices").replaceChildren(...(context.choices || []).map((number) => {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = String(number);
    button.dataset.number = String(number);
    button.onclick = () => respond({ act: "approve", number });
    return button;
  }));
  $("choose").hidden = context.number_matching !== "choose";
  $("type").hidden = context.number_matching !== "type";
  $("type").onsubmit = (event) => { event.preventDefault(); respond({ act: "approve", number: parseInt($("typed-number").value, 10) }); };
  $("deny").onclick = () => respond({ act: "deny", reason: "declined" });
  $("not-requested").onclick = () => { if (confirm(TEXT.confirmReport)) respond({ act: "deny", reason: "not_requested" }); };
  $("challenge").hidden = false;
  say("");
  state("challenge");
  $("challenge-title").focus?.();
}

async function answerChallenge(account, challengeId, claims) {
  const answer = await deviceRequest(account, `/sfo-push/device/challenges/${encodeURIComponent(challengeId)}/response`,
    { challenge: challengeId, ...claims });
  if (answer.status !== 200) {
    finish(TEXT.refused(answer.body.error_description || `HTTP ${answer.status}`), "error");
    return;
  }
  const result = answer.body.result;
  finish(result === "approved" ? TEXT.approved : result === "wrong_number" ? TEXT.wrongNumber
    : claims.reason === "not_requested" ? TEXT.reported : TEXT.denied, "answered");
}

function finish(text, finalState) {
  clearInterval(countdown);
  $("challenge").hidden = true;
  say(text);
  state(finalState);
}

// ---- polling while the app is visible ----

let polling = null;

async function pollOnce() {
  for (const account of await accountsOfThisRealm()) {
    try {
      const answer = await deviceRequest(account, "/sfo-push/device/requests", { act: "poll" });
      const pending = answer.status === 200 ? answer.body.challenges : [];
      if (pending.length > 0 && pending[0].challenge !== shown) {
        await showChallenge(account, pending[0].challenge);
        return;
      }
    } catch (e) {
      say(TEXT.offline);
    }
  }
}

function startPolling() {
  clearInterval(polling);
  if (document.visibilityState === "visible") {
    pollOnce();
    polling = setInterval(pollOnce, 3000);
  }
}

// ---- accounts ----

async function showAccounts() {
  const accounts = await accountsOfThisRealm();
  $("no-accounts").hidden = accounts.length > 0;
  $("accounts").replaceChildren(...accounts.map((account) => {
    const item = document.createElement("li");
    item.dataset.credentialId = account.credentialId;
    item.textContent = `${account.username} - ${account.deviceName} `;
    const remove = document.createElement("button");
    remove.type = "button";
    remove.className = "secondary";
    remove.textContent = TEXT.remove;
    remove.onclick = async () => { await removeAccount(account.credentialId); say(TEXT.removed); showAccounts(); };
    item.append(remove);
    return item;
  }));
  $("mode").textContent = accounts.some((a) => a.push) ? TEXT.modePush : TEXT.modePoll;
}

// ---- start ----

async function start() {
  $("realm").textContent = TEXT.realm(REALM_URL);
  const fragment = new URLSearchParams(location.hash.slice(1));
  // The enrolment token must not linger in the address bar or the history.
  if (location.hash) history.replaceState(null, "", location.pathname);
  await showAccounts();
  $("enrol-code-form").onsubmit = (event) => {
    event.preventDefault();
    offerEnrolment({ enrolment_code: $("enrol-code").value.trim() });
  };
  if (fragment.get("enrol")) {
    offerEnrolment({ enrolment_token: fragment.get("enrol") });
  } else if (fragment.get("challenge")) {
    const account = (await accountsOfThisRealm()).find((a) => a.credentialId === fragment.get("account"));
    if (account) await showChallenge(account, fragment.get("challenge"));
  }
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.addEventListener("message", async (event) => {
      const account = (await accountsOfThisRealm()).find((a) => a.credentialId === event.data?.credential_id);
      if (account && event.data?.challenge) showChallenge(account, event.data.challenge);
    });
    registration();
    refreshPushSubscription().catch(() => { /* the next start tries again; polling works meanwhile */ });
  }
  document.addEventListener("visibilitychange", startPolling);
  startPolling();
}

start().catch((e) => { state("error"); say(TEXT.refused(e.message)); });
