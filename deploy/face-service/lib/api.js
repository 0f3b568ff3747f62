'use strict';
// The subset of CompreFace's REST API (Base64 form) the face factor's remote engine client uses, so that one client
// in Keycloak talks to this service or to a site's CompreFace:
//   POST /api/v1/detection/detect?limit=&det_prob_threshold=&face_plugins=calculator,pose   {"file": "<base64>"}
//   POST /api/v1/verification/embeddings/verify                                            {"source": [], "targets": [[]]}
// Both need the header x-api-key. Errors answer CompreFace's shape {"message", "code"}; code 28 is "no face".
const crypto = require('crypto');
const { EngineInputError } = require('./engine');
const { QueueFullError } = require('./queue');

const NO_FACE = { status: 400, message: 'No face is found in the given image', code: 28 };

function sendJson(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store' });
  res.end(text);
}

function fail(res, status, message, code) {
  sendJson(res, status, { message, code });
}

// Busy: 503 with Retry-After, which Keycloak's client reads as "engine unavailable" (never "no face" or "no match").
function busy(res, limits) {
  res.setHeader('Retry-After', String(limits.retryAfterSeconds));
  fail(res, 503, 'Face engine busy, try again later', 0);
}

// Constant-time comparison on digests, so neither the key's length nor its prefix leaks through timing.
function keyAccepted(given, keys) {
  if (typeof given !== 'string' || given.length === 0) {
    return false;
  }
  const digest = crypto.createHash('sha256').update(given).digest();
  let accepted = false;
  for (const key of keys) {
    accepted = crypto.timingSafeEqual(digest, crypto.createHash('sha256').update(key).digest()) || accepted;
  }
  return accepted;
}

// The body is read up to the limit and no further: an oversized request is refused without buffering it.
function readBody(req, maxBytes) {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) {
      reject(new HttpError(413, 'Request body too large', 5));
      return;
    }
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > maxBytes) {
        reject(new HttpError(413, 'Request body too large', 5));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function parseJson(buffer) {
  try {
    return JSON.parse(buffer.toString('utf8'));
  } catch (e) {
    throw new HttpError(400, 'Request body is not JSON', 26);
  }
}

function number(value, fallback, min, max) {
  if (value === null || value === undefined || value === '') {
    return fallback;
  }
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < min || parsed > max) {
    throw new HttpError(400, 'Invalid query parameter', 26);
  }
  return parsed;
}

async function detect(engine, query, body) {
  const file = body && body.file;
  if (typeof file !== 'string' || !/^[A-Za-z0-9+/=\r\n]+$/.test(file)) {
    throw new HttpError(400, 'The file field must be a Base64 image', 26);
  }
  const limit = number(query.get('limit'), 0, 0, 100);
  const threshold = number(query.get('det_prob_threshold'), 0.5, 0, 1);
  const plugins = (query.get('face_plugins') || '').split(',').map((p) => p.trim()).filter(Boolean);
  const faces = (await engine.detect(Buffer.from(file, 'base64')))
    .filter((face) => face.probability >= threshold)
    // CompreFace returns the biggest faces first when limiting.
    .sort((a, b) => b.box[2] * b.box[3] - a.box[2] * a.box[3]);
  const kept = limit > 0 ? faces.slice(0, limit) : faces;
  if (kept.length === 0) {
    throw new HttpError(NO_FACE.status, NO_FACE.message, NO_FACE.code);
  }
  const result = kept.map((face) => {
    const [x, y, w, h] = face.box;
    const out = { box: { probability: face.probability, x_min: x, y_min: y, x_max: x + w, y_max: y + h } };
    if (plugins.includes('calculator')) {
      out.embedding = face.embedding;
    }
    if (plugins.includes('pose') && face.pose) {
      out.pose = face.pose;
    }
    return out;
  });
  const versions = { detector: engine.versions.detector };
  for (const plugin of plugins.filter((p) => engine.versions[p])) {
    versions[plugin] = engine.versions[plugin];
  }
  return { result, plugins_versions: versions };
}

function embedding(value, maxLength) {
  return Array.isArray(value) && value.length > 0 && value.length <= maxLength
    && value.every((v) => typeof v === 'number' && Number.isFinite(v));
}

function verify(engine, body, limits) {
  const source = body && body.source;
  const targets = body && body.targets;
  if (!embedding(source, limits.maxEmbedding) || !Array.isArray(targets) || targets.length === 0
      || targets.length > limits.maxTargets || !targets.every((t) => embedding(t, limits.maxEmbedding))) {
    throw new HttpError(400, 'source must be an embedding and targets a list of embeddings', 26);
  }
  return { result: targets.map((target) => ({ embedding: target, similarity: engine.similarity(source, target) })) };
}

function handler(engine, limits, log) {
  return async (req, res) => {
    const url = new URL(req.url || '/', 'http://face-service');
    try {
      if (url.pathname === '/healthcheck' && req.method === 'GET') {
        return sendJson(res, 200, { status: 'OK' });
      }
      const routes = { '/api/v1/detection/detect': 'detect', '/api/v1/verification/embeddings/verify': 'verify' };
      const route = routes[url.pathname];
      if (!route) {
        return fail(res, 404, 'Not found', 0);
      }
      if (req.method !== 'POST') {
        return fail(res, 405, 'Method not allowed', 0);
      }
      if (!keyAccepted(req.headers['x-api-key'], limits.apiKeys)) {
        req.resume();
        return fail(res, 401, 'Missing or wrong x-api-key', 0);
      }
      if (!String(req.headers['content-type'] || '').startsWith('application/json')) {
        req.resume();
        return fail(res, 415, 'Only application/json (Base64) requests are supported', 0);
      }
      if (route === 'detect' && engine.busy()) {
        // Refused before the body is read or decoded: a full queue costs nothing more.
        req.resume();
        return busy(res, limits);
      }
      const body = parseJson(await readBody(req, limits.maxBodyBytes));
      const answer = route === 'detect' ? await detect(engine, url.searchParams, body) : verify(engine, body, limits);
      return sendJson(res, 200, answer);
    } catch (e) {
      if (e instanceof HttpError) {
        return fail(res, e.status, e.message, e.code);
      }
      if (e instanceof QueueFullError) {
        return busy(res, limits);
      }
      if (e instanceof EngineInputError) {
        return fail(res, 400, e.message, 26);
      }
      // Never the request body (a face image) in the log: only the kind of failure.
      log(`face service: ${pathOf(url)} failed: ${e && e.name}`);
      return fail(res, 500, 'Internal error', 0);
    }
  };
}

function pathOf(url) {
  return url.pathname.slice(0, 64);
}

class HttpError extends Error {
  constructor(status, message, code) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

module.exports = { handler };
