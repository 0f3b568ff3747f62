'use strict';
// The face service on the sample photographs of @vladmandic/face-api (MIT, docs/face-engine.md "The labelled set"):
// it answers CompreFace's shapes, and refuses what it must refuse.
const test = require('node:test');
const assert = require('node:assert');
const fs = require('fs');
const path = require('path');
const jpeg = require('jpeg-js');
const { execFile } = require('child_process');
const { promisify } = require('util');
const { start, limitsFrom } = require('../server');

const KEY = 'test-key-0123456789abcdef';
const SAMPLES = path.join(__dirname, '..', 'node_modules', '@vladmandic', 'face-api', 'demo');
let server;
let base;

test.before(async () => {
  server = await start({ FACE_SERVICE_API_KEYS: KEY, FACE_SERVICE_PORT: '0', FACE_SERVICE_MAX_BODY_KB: '1024' }, () => {});
  base = `http://127.0.0.1:${server.address().port}`;
});

test.after(() => server && server.close());

function post(pathname, body, headers = {}) {
  return fetch(base + pathname, {
    method: 'POST',
    headers: { 'x-api-key': KEY, 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

function detect(bytes, plugins = 'calculator,pose') {
  return post(`/api/v1/detection/detect?face_plugins=${plugins}`, { file: Buffer.from(bytes).toString('base64') });
}

function sample(name) {
  return fs.readFileSync(path.join(SAMPLES, name));
}

// A webcam-like 640x480 frame around one face of a photograph, optionally altered, as JPEG.
function frameAround(photo, box, alter = (v) => v, quality = 85) {
  const img = jpeg.decode(photo, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 1024 });
  const width = 640;
  const height = 480;
  const cw = (box.x_max - box.x_min) * 2.4;
  const ch = cw * 3 / 4;
  const cx = (box.x_min + box.x_max) / 2 - cw / 2;
  const cy = (box.y_min + box.y_max) / 2 - ch / 2;
  const out = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const sx = Math.max(0, Math.min(img.width - 1, Math.floor(cx + x * cw / width)));
      const sy = Math.max(0, Math.min(img.height - 1, Math.floor(cy + y * ch / height)));
      for (let c = 0; c < 3; c++) {
        out[(y * width + x) * 4 + c] = alter(img.data[(sy * img.width + sx) * 4 + c]);
      }
      out[(y * width + x) * 4 + 3] = 255;
    }
  }
  return jpeg.encode({ width, height, data: out }, quality).data;
}

function plain(width, height, grey) {
  return jpeg.encode({ width, height, data: Buffer.alloc(width * height * 4, grey) }, 50).data;
}

async function faces(bytes) {
  const res = await detect(bytes);
  assert.strictEqual(res.status, 200);
  return (await res.json()).result;
}

async function similarity(a, b) {
  const res = await post('/api/v1/verification/embeddings/verify', { source: a, targets: [b] });
  assert.strictEqual(res.status, 200);
  return (await res.json()).result[0].similarity;
}

test('finds every face of a photograph with its box, embedding and head pose in degrees', async () => {
  const result = await faces(sample('sample2.jpg'));
  assert.strictEqual(result.length, 3);
  for (const face of result) {
    assert.ok(face.box.x_max > face.box.x_min && face.box.y_max > face.box.y_min);
    assert.ok(face.box.probability > 0 && face.box.probability <= 1);
    assert.strictEqual(face.embedding.length, 1024);
    // Degrees, not Human's radians: one of these faces is turned by more than 30 degrees.
    assert.ok(['pitch', 'roll', 'yaw'].every((k) => Math.abs(face.pose[k]) < 90));
  }
  assert.ok(result.some((face) => Math.abs(face.pose.yaw) > 30));
});

test('answers only the plugins asked for', async () => {
  const res = await detect(sample('sample2.jpg'), '');
  const result = (await res.json()).result;
  assert.ok(result.every((face) => face.embedding === undefined && face.pose === undefined));
});

test('the same face in another exposure matches above the threshold, another person stays below', async () => {
  const photo = sample('sample1.jpg');
  const people = await faces(photo);
  assert.ok(people.length >= 2);
  const [first, second] = people;
  const own = await faces(frameAround(photo, first.box));
  const darker = await faces(frameAround(photo, first.box, (v) => Math.round(v * 0.6), 40));
  const other = await faces(frameAround(photo, second.box));
  const main = (list) => list.sort((a, b) => (b.box.x_max - b.box.x_min) - (a.box.x_max - a.box.x_min))[0].embedding;
  assert.ok(await similarity(main(own), main(darker)) >= 0.70);
  assert.ok(await similarity(main(own), main(other)) < 0.70);
});

test('a frame without a face answers CompreFace\'s "no face" error', async () => {
  const res = await detect(plain(640, 480, 128));
  assert.strictEqual(res.status, 400);
  assert.deepStrictEqual(await res.json(), { message: 'No face is found in the given image', code: 28 });
});

test('refuses a request without the API key or with another one', async () => {
  assert.strictEqual((await post('/api/v1/detection/detect', {}, { 'x-api-key': 'wrong-key-0123456789' })).status, 401);
  const res = await fetch(`${base}/api/v1/verification/embeddings/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  assert.strictEqual(res.status, 401);
});

test('refuses a body over the size limit before reading it all', async () => {
  const res = await post('/api/v1/detection/detect', { file: 'A'.repeat(1100 * 1024) });
  assert.strictEqual(res.status, 413);
});

test('refuses what is not a JPEG, and a JPEG whose pixels exceed the decoding limit', async () => {
  const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001', 'hex');
  assert.strictEqual((await detect(png)).status, 400);
  const huge = plain(3000, 2000, 90);
  const res = await detect(huge);
  assert.strictEqual(res.status, 400);
  assert.strictEqual((await res.json()).code, 26);
});

test('refuses malformed verification bodies', async () => {
  const bad = [{}, { source: [1, 2], targets: [] }, { source: [1, 'x'], targets: [[1, 2]] }, { source: [1, 2], targets: [[1, 2, 3]] }];
  for (const body of bad) {
    assert.strictEqual((await post('/api/v1/verification/embeddings/verify', body)).status, 400, JSON.stringify(body));
  }
  assert.strictEqual((await post('/api/v1/verification/embeddings/verify', '{not json')).status, 400);
});

test('does not start without an API key of some length', () => {
  assert.throws(() => limitsFrom({}), /FACE_SERVICE_API_KEYS/);
  assert.throws(() => limitsFrom({ FACE_SERVICE_API_KEYS: 'short' }), /FACE_SERVICE_API_KEYS/);
});

// The same frame with its face mirrored in place: a different head pose in an almost identical picture.
function mirroredFace(frame) {
  const img = jpeg.decode(frame, { useTArray: true, formatAsRGBA: true });
  const out = Buffer.from(img.data);
  const [x0, x1, y0, y1] = [270, 370, 190, 310];
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      for (let c = 0; c < 4; c++) {
        out[(y * img.width + x) * 4 + c] = img.data[(y * img.width + (x1 - 1 - (x - x0))) * 4 + c];
      }
    }
  }
  return jpeg.encode({ width: img.width, height: img.height, data: out }, 90).data;
}

test('reads every frame on its own: a similar frame after another gets its own face, not the one before', async () => {
  // Human's video cache would hand a similar-looking frame the previous frame's embedding and boxes, so a turned
  // head (or another person) right after a frontal frame would carry the frontal frame's face.
  const photo = sample('sample1.jpg');
  const frame = frameAround(photo, (await faces(photo))[0].box);
  const mirrored = mirroredFace(frame);
  await detect(plain(640, 480, 30));
  const original = (await faces(frame))[0];
  await detect(plain(640, 480, 30));
  const alone = (await faces(mirrored))[0];
  await faces(frame);
  const afterFrame = (await faces(mirrored))[0];
  assert.ok(Math.abs(afterFrame.pose.yaw - alone.pose.yaw) < 0.5, `${afterFrame.pose.yaw} vs ${alone.pose.yaw}`);
  assert.ok(Math.abs(await similarity(original.embedding, afterFrame.embedding) - await similarity(original.embedding, alone.embedding)) < 0.01);
  assert.ok(await similarity(original.embedding, afterFrame.embedding) < 0.99);
});

test('pins the head pose signs on heads turned by a known angle: the person\'s left is negative yaw, up positive pitch', async () => {
  // tools/head-turns.js turns a frontal face's 3D mesh to the person's own left (the picture's right), right, up and
  // down; what the service answers for those frames is the convention the factor reads (FrameObservation).
  const photo = sample('sample3.jpg');
  const box = (await faces(photo)).sort((a, b) => (b.box.x_max - b.box.x_min) - (a.box.x_max - a.box.x_min))[2].box;
  const dir = fs.mkdtempSync(path.join(require('os').tmpdir(), 'head-turns-'));
  fs.writeFileSync(path.join(dir, 'person.jpg'), frameAround(photo, box, (v) => v, 92));
  // Asynchronously: this process also runs the service under test.
  await promisify(execFile)(process.execPath, [path.join(__dirname, '..', 'tools', 'head-turns.js'), dir, path.join(dir, 'person.jpg')]);
  const pose = async (name) => (await faces(fs.readFileSync(path.join(dir, `person-${name}.jpg`))))[0].pose;
  const front = await pose('front');
  assert.ok(Math.abs(front.yaw) < 10 && Math.abs(front.pitch) < 10, JSON.stringify(front));
  const left = await pose('left');
  assert.ok(left.yaw <= -20 && Math.abs(left.pitch) < 10, JSON.stringify(left));
  const right = await pose('right');
  assert.ok(right.yaw >= 20 && Math.abs(right.pitch) < 10, JSON.stringify(right));
  const up = await pose('up');
  assert.ok(up.pitch >= 20 && Math.abs(up.yaw) < 10, JSON.stringify(up));
  const down = await pose('down');
  assert.ok(down.pitch <= -20 && Math.abs(down.yaw) < 10, JSON.stringify(down));
  fs.rmSync(dir, { recursive: true, force: true });
});
