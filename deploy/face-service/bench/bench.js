// Benchmark of the built-in engine candidate (docs/face-engine.md): genuine pairs from variations of each face, impostor pairs across faces.
const fs = require('fs'); const jpeg = require('jpeg-js'); const m = require('./measure.js');
function crop(img, box, W, H) { // a 4:3 camera-like frame around the face, resampled to W x H
  const [bx, by, bw, bh] = box; const cw = bw * 2.4, ch = cw * 3 / 4; const cx = bx + bw / 2 - cw / 2, cy = by + bh / 2 - ch / 2;
  const out = new Uint8Array(W * H * 3);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) {
    const sx = Math.max(0, Math.min(img.width - 1, Math.floor(cx + x * cw / W))), sy = Math.max(0, Math.min(img.height - 1, Math.floor(cy + y * ch / H)));
    for (let c = 0; c < 3; c++) out[(y * W + x) * 3 + c] = img.data[(sy * img.width + sx) * 3 + c]; }
  return { width: W, height: H, data: out };
}
// The centre 1/k of the frame upscaled back to the frame size: a closer, blurrier face.
function zoom(f, k) { const o = new Uint8Array(f.data.length), x0 = f.width * (1 - 1 / k) / 2, y0 = f.height * (1 - 1 / k) / 2;
  for (let y = 0; y < f.height; y++) for (let x = 0; x < f.width; x++) for (let c = 0; c < 3; c++)
    o[(y * f.width + x) * 3 + c] = f.data[(Math.floor(y0 + y / k) * f.width + Math.floor(x0 + x / k)) * 3 + c];
  return { ...f, data: o }; }
const map = (f, g) => ({ width: f.width, height: f.height, data: f.data.map((v, i) => g(v, i)) });
function mirror(f) { const o = new Uint8Array(f.data.length); for (let y = 0; y < f.height; y++) for (let x = 0; x < f.width; x++) for (let c = 0; c < 3; c++) o[(y * f.width + x) * 3 + c] = f.data[(y * f.width + f.width - 1 - x) * 3 + c]; return { ...f, data: o }; }
function rejpeg(f, q) { const rgba = new Uint8Array(f.width * f.height * 4); for (let i = 0; i < f.width * f.height; i++) { rgba.set(f.data.subarray(i * 3, i * 3 + 3), i * 4); rgba[i * 4 + 3] = 255; }
  const d = jpeg.decode(jpeg.encode({ width: f.width, height: f.height, data: rgba }, q).data, { useTArray: true, formatAsRGBA: false }); return { width: d.width, height: d.height, data: d.data }; }
let seed = 7; const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const variants = {
  darker: f => map(f, v => Math.round(v * 0.55)), brighter: f => map(f, v => Math.min(255, Math.round(v * 1.4 + 10))),
  mirrored: mirror, jpeg30: f => rejpeg(f, 30), noise: f => map(f, v => Math.max(0, Math.min(255, v + Math.round((rnd() - 0.5) * 40)))),
  zoomed: f => zoom(f, 2),
};
(async () => {
  await m.human.load(); await m.human.warmup();
  const faces = []; const times = [];
  for (const file of process.argv.slice(2)) { const img = m.load(file); const r = await m.detect(img);
    for (const x of r.faces) { const frame = crop(img, x.box, 640, 480); const base = await m.detect(frame); times.push(base.ms);
      if (base.faces.length === 0) { console.log('no face in base frame of', file); continue; }
      const main = base.faces.sort((a, b) => b.box[2] - a.box[2])[0];
      faces.push({ id: file.split('/').pop() + '@' + Math.round(x.box[0]), frame, emb: main.emb, real: main.real, live: main.live, extra: base.faces.length - 1 }); } }
  const genuine = []; const noface = [];
  for (const f of faces) for (const [name, v] of Object.entries(variants)) { const r = await m.detect(v(f.frame)); times.push(r.ms);
    if (r.faces.length === 0) { noface.push(f.id + ' ' + name); continue; }
    const best = Math.max(...r.faces.map(g => m.human.match.similarity(f.emb, g.emb))); genuine.push({ id: f.id, name, s: best }); }
  const impostor = []; for (let i = 0; i < faces.length; i++) for (let j = i + 1; j < faces.length; j++) impostor.push(m.human.match.similarity(faces[i].emb, faces[j].emb));
  const q = (a, p) => [...a].sort((x, y) => x - y)[Math.floor(p * (a.length - 1))];
  console.log('faces', faces.length, 'genuine pairs', genuine.length, 'variants without face', noface.length, noface.join('; '));
  console.log('impostor pairs', impostor.length, 'max', Math.max(...impostor).toFixed(3), 'p99', q(impostor, 0.99).toFixed(3), 'median', q(impostor, 0.5).toFixed(3));
  const gs = genuine.map(g => g.s); console.log('genuine min', Math.min(...gs).toFixed(3), 'p01', q(gs, 0.01).toFixed(3), 'median', q(gs, 0.5).toFixed(3));
  for (const v of Object.keys(variants)) { const s = genuine.filter(g => g.name === v).map(g => g.s); console.log('  variant', v, 'min', Math.min(...s).toFixed(3), 'median', q(s, 0.5).toFixed(3)); }
  for (const t of [0.5, 0.55, 0.6, 0.65, 0.7, 0.75]) {
    const fnm = genuine.filter(g => g.s < t).length + noface.length, fm = impostor.filter(s => s >= t).length;
    console.log(`threshold ${t}: FMR ${fm}/${impostor.length} = ${(100 * fm / impostor.length).toFixed(2)}%  FNMR ${fnm}/${genuine.length + noface.length} = ${(100 * fnm / (genuine.length + noface.length)).toFixed(2)}%`); }
  console.log('antispoof real score on genuine frames: min', Math.min(...faces.map(f => f.real)).toFixed(2), 'median', q(faces.map(f => f.real), 0.5).toFixed(2),
    '; liveness min', Math.min(...faces.map(f => f.live)).toFixed(2), 'median', q(faces.map(f => f.live), 0.5).toFixed(2));
  console.log('ms per 640x480 frame (detect+mesh+describe+antispoof+liveness): median', q(times, 0.5).toFixed(0), 'p95', q(times, 0.95).toFixed(0), 'n', times.length);
  console.log('rss MB', (process.memoryUsage().rss / 1e6).toFixed(0));
})();
