// Benchmark of the built-in engine candidate (docs/face-engine.md): detect + describe faces with Human on the WASM backend.
const fs = require('fs');
const path = require('path');
const jpeg = require('jpeg-js');
const H = require(__dirname + '/node_modules/@vladmandic/human/dist/human.node-wasm.js');
const Human = H.Human || H.default;
const root = __dirname + '/node_modules';
const config = {
  backend: 'wasm', debug: false,
  modelBasePath: 'http://127.0.0.1:' + (process.env.MODEL_PORT || 8731) + '/models/',
  wasmPath: 'file://' + root + '/@tensorflow/tfjs-backend-wasm/dist/',
  face: { enabled: true, detector: { maxDetected: 30, rotation: false, minConfidence: 0.5 }, mesh: { enabled: true }, iris: { enabled: false },
          description: { enabled: true }, emotion: { enabled: false }, antispoof: { enabled: true }, liveness: { enabled: true } },
  body: { enabled: false }, hand: { enabled: false }, object: { enabled: false }, gesture: { enabled: true }, segmentation: { enabled: false }, filter: { enabled: false },
};
const http = require('http');
const modelServer = http.createServer((q, s) => { const f = root + '/@vladmandic/human' + decodeURIComponent(q.url.split('?')[0]);
  if (!f.startsWith(root + '/@vladmandic/human/models/') || f.includes('..') || !fs.existsSync(f)) { s.writeHead(404); return s.end(); }
  s.writeHead(200); s.end(fs.readFileSync(f)); }).listen(process.env.MODEL_PORT || 8731, '127.0.0.1');
modelServer.unref();
const human = new Human(config);
function load(file) {
  const img = jpeg.decode(fs.readFileSync(file), { useTArray: true, formatAsRGBA: false, maxMemoryUsageInMB: 1024 });
  return img;
}
function toTensor(img) { return human.tf.tensor4d(img.data, [1, img.height, img.width, 3], 'int32'); }
async function detect(img) {
  const t = toTensor(img); const t0 = process.hrtime.bigint();
  const r = await human.detect(t); const ms = Number(process.hrtime.bigint() - t0) / 1e6; human.tf.dispose(t);
  return { ms, faces: r.face.map(f => ({ box: f.box, score: f.score, emb: f.embedding, real: f.real, live: f.live, gestures: r.gesture })) };
}
module.exports = { human, load, detect, toTensor };
if (require.main === module) (async () => {
  await human.load(); await human.warmup();
  console.log('backend', human.tf.getBackend());
  for (const f of process.argv.slice(2)) {
    const img = load(f); const r = await detect(img);
    console.log(path.basename(f), img.width + 'x' + img.height, 'faces', r.faces.length, 'ms', r.ms.toFixed(0),
      r.faces.map(x => `[${x.box.map(Math.round)} s=${x.score.toFixed(2)} real=${x.real?.toFixed(2)} live=${x.live?.toFixed(2)} emb=${x.emb?.length}]`).join(' '));
  }
})();
