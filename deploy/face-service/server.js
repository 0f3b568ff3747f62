'use strict';
// The built-in face engine as a service beside Keycloak (docs/face-engine.md, deploy/face-service/README.md).
// Configuration from the environment:
//   FACE_SERVICE_API_KEYS   comma-separated keys a client must send as x-api-key (required: no open service)
//   FACE_SERVICE_HOST       address to listen on (default 127.0.0.1: the service is for Keycloak, not the network)
//   FACE_SERVICE_PORT       port (default 8091; 0 picks a free one, printed on start)
//   FACE_SERVICE_MAX_BODY_KB  largest request body (default 1024: a 640x480 JPEG frame in Base64 is 30-150 KB)
//   FACE_SERVICE_MAX_WAITING  detections that may wait behind the running one (default 16); more answer 503 at once
const http = require('http');
const { FaceEngine } = require('./lib/engine');
const { handler } = require('./lib/api');

function limitsFrom(env) {
  const keys = String(env.FACE_SERVICE_API_KEYS || '').split(',').map((k) => k.trim()).filter(Boolean);
  if (keys.length === 0 || keys.some((k) => k.length < 16)) {
    throw new Error('FACE_SERVICE_API_KEYS must name at least one key of 16 characters or more');
  }
  const bodyKb = Math.min(Math.max(Number(env.FACE_SERVICE_MAX_BODY_KB) || 1024, 16), 8192);
  // 16 waiting frames at the measured 95th percentile of 0.36 s each is about 6 s: inside Keycloak's 10 s read timeout.
  const maxWaiting = Math.min(Math.max(Math.floor(Number(env.FACE_SERVICE_MAX_WAITING)) || 16, 1), 1000);
  return {
    apiKeys: keys,
    maxBodyBytes: bodyKb * 1024,
    maxWaiting,
    retryAfterSeconds: 1,
    // The factor sends at most 1920 pixels a side (FrameLimits); jpeg-js refuses more before allocating.
    maxMegapixels: 4,
    maxDecodeMegabytes: 64,
    maxFaces: 10,
    maxEmbedding: 4096,
    maxTargets: 32,
  };
}

async function start(env = process.env, log = (line) => console.log(line)) {
  const limits = limitsFrom(env);
  const engine = new FaceEngine(limits);
  await engine.start();
  const server = http.createServer(handler(engine, limits, log));
  server.requestTimeout = 30000;
  server.headersTimeout = 10000;
  const port = env.FACE_SERVICE_PORT === undefined ? 8091 : Number(env.FACE_SERVICE_PORT);
  await new Promise((resolve) => server.listen(port, env.FACE_SERVICE_HOST || '127.0.0.1', resolve));
  log(`face service listening on ${server.address().address}:${server.address().port}`);
  return server;
}

module.exports = { start, limitsFrom };

if (require.main === module) {
  start().catch((e) => {
    console.error(`face service did not start: ${e.message}`);
    process.exit(1);
  });
}
