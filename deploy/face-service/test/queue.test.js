'use strict';
// The face service's bound on waiting detections: past it a request is answered 503 with Retry-After at once, before
// its body is read or decoded, and the detections already accepted still run. The engine's models are not loaded
// here: the measuring step is replaced by one the test releases, so no test depends on how fast a frame is measured.
const test = require('node:test');
const assert = require('node:assert');
const http = require('http');
const { DetectionQueue, QueueFullError } = require('../lib/queue');
const { FaceEngine } = require('../lib/engine');
const { handler } = require('../lib/api');
const { limitsFrom } = require('../server');

const KEY = 'test-key-0123456789abcdef';

function deferred() {
  let resolve;
  const promise = new Promise((r) => { resolve = r; });
  return { promise, resolve };
}

test('a full line refuses a new detection at once and runs the ones it accepted in order', async () => {
  const queue = new DetectionQueue(1);
  const order = [];
  const firstStarted = deferred();
  const releaseFirst = deferred();
  const first = queue.run(async () => { order.push('first'); firstStarted.resolve(); await releaseFirst.promise; });
  await firstStarted.promise;
  const second = queue.run(async () => { order.push('second'); });

  assert.throws(() => queue.run(async () => order.push('third')), QueueFullError);
  assert.deepStrictEqual(order, ['first']);

  releaseFirst.resolve();
  await Promise.all([first, second]);
  assert.deepStrictEqual(order, ['first', 'second']);
  assert.strictEqual(queue.full, false);
  await queue.run(async () => order.push('later'));
  assert.deepStrictEqual(order, ['first', 'second', 'later']);
});

test('a failed detection frees its place in the line', async () => {
  const queue = new DetectionQueue(1);
  await assert.rejects(queue.run(async () => { throw new Error('bad frame'); }), /bad frame/);
  assert.strictEqual(queue.full, false);
});

test('the bound comes from FACE_SERVICE_MAX_WAITING, 16 by default, at least 1', () => {
  assert.strictEqual(limitsFrom({ FACE_SERVICE_API_KEYS: KEY }).maxWaiting, 16);
  assert.strictEqual(limitsFrom({ FACE_SERVICE_API_KEYS: KEY, FACE_SERVICE_MAX_WAITING: '3' }).maxWaiting, 3);
  assert.strictEqual(limitsFrom({ FACE_SERVICE_API_KEYS: KEY, FACE_SERVICE_MAX_WAITING: '0' }).maxWaiting, 16);
  assert.strictEqual(limitsFrom({ FACE_SERVICE_API_KEYS: KEY, FACE_SERVICE_MAX_WAITING: '-4' }).maxWaiting, 1);
  assert.strictEqual(limitsFrom({ FACE_SERVICE_API_KEYS: KEY, FACE_SERVICE_MAX_WAITING: 'many' }).maxWaiting, 16);
});

test('over the bound the service answers 503 with Retry-After while the running detection still holds, decoding nothing', async () => {
  const limits = limitsFrom({ FACE_SERVICE_API_KEYS: KEY, FACE_SERVICE_MAX_WAITING: '1' });
  const engine = new FaceEngine(limits);
  engine.versions = { detector: 'test' };
  const measured = [];
  const firstStarted = deferred();
  const release = deferred();
  // Stands for decoding and measuring a frame; every frame that reaches it is counted.
  engine.detectNow = async (bytes) => {
    measured.push(bytes.length);
    firstStarted.resolve();
    await release.promise;
    return [{ probability: 0.9, box: [10, 10, 100, 100], embedding: [0.1, 0.2], pose: null }];
  };
  const server = http.createServer(handler(engine, limits, () => {}));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  const detect = () => fetch(`${base}/api/v1/detection/detect`, {
    method: 'POST',
    headers: { 'x-api-key': KEY, 'content-type': 'application/json' },
    body: JSON.stringify({ file: Buffer.from([0xff, 0xd8, 0xff, 0xe0]).toString('base64') }),
  });
  try {
    const running = detect();
    await firstStarted.promise;
    const second = detect();
    const third = detect();

    // One of the two is told to come back before the running detection ends: it did not wait for it.
    const refused = await Promise.race([second, third]);
    assert.strictEqual(refused.status, 503);
    assert.strictEqual(refused.headers.get('retry-after'), '1');
    assert.deepStrictEqual(await refused.json(), { message: 'Face engine busy, try again later', code: 0 });
    assert.strictEqual(measured.length, 1);

    release.resolve();
    const answers = await Promise.all([running, second, third]);
    assert.deepStrictEqual(answers.map((a) => a.status).sort(), [200, 200, 503]);
    assert.strictEqual(measured.length, 2);
    assert.strictEqual((await detect()).status, 200, 'the line is open again');
  } finally {
    server.close();
  }
});
