'use strict';
// Test tooling, not part of the running service. The face factor's browser test needs a film of ONE person who looks
// at the camera and then turns their head as the server's random challenge asks, and no registry package holds such
// frames (docs/face-engine.md, "The labelled set"). This tool makes them from one frontal webcam-like frame, in 3D:
// Human's face mesh of that frame (468 points with depth), rotated about the head's centre by a known yaw or pitch,
// rendered as textured triangles (the texture is the frame itself at the mesh's original points) with a depth buffer
// into a copy of the frame whose own face was first painted over, so that no second face shows.
//
//   node tools/head-turns.js <out-dir> <frame.jpg>...
//
// For each frame NAME.jpg it writes NAME-front.jpg, NAME-left.jpg, NAME-right.jpg, NAME-up.jpg and NAME-down.jpg,
// each read by this service's engine as asked (frontal within 4 degrees; a turn of 23 degrees or more with the other
// axis within 5), and NAME-poses.json with the rendered angles and the engine's readings. LEFT and RIGHT are the
// person's own (in a camera picture that is not mirrored, the person's left is the picture's right), UP and DOWN
// where the face points. Exits non-zero when a frame has not exactly one face or no rendered turn reads as asked.
const fs = require('fs');
const path = require('path');
const jpeg = require('jpeg-js');
const { FaceEngine } = require('../lib/engine');

const QUALITY = 92;

// Picture axes: x to the right, y down, z away from the camera (the mesh's depth: the nose tip has the smallest z).
// Angles in degrees: a positive yaw turns the head to the person's left, a positive pitch turns it up.
function rotation(yawRadians, pitchRadians) {
  const [cy, sy, cp, sp] = [Math.cos(yawRadians), Math.sin(yawRadians), Math.cos(pitchRadians), Math.sin(pitchRadians)];
  // A yaw to the person's left moves the nose (z < 0) to the picture's right: x' = x cos - z sin.
  // A pitch up moves the nose up the picture (y < 0): y' = y cos + z sin.
  return ([x, y, z]) => {
    const x1 = x * cy - z * sy;
    const z1 = x * sy + z * cy;
    return [x1, y * cp + z1 * sp, -y * sp + z1 * cp];
  };
}

function sample(image, x, y, out) {
  const { width, height, data } = image;
  const x0 = Math.max(0, Math.min(width - 2, Math.floor(x)));
  const y0 = Math.max(0, Math.min(height - 2, Math.floor(y)));
  const fx = Math.max(0, Math.min(1, x - x0));
  const fy = Math.max(0, Math.min(1, y - y0));
  for (let c = 0; c < 3; c++) {
    const a = data[(y0 * width + x0) * 4 + c];
    const b = data[(y0 * width + x0 + 1) * 4 + c];
    const d = data[((y0 + 1) * width + x0) * 4 + c];
    const e = data[((y0 + 1) * width + x0 + 1) * 4 + c];
    out[c] = (a * (1 - fx) + b * fx) * (1 - fy) + (d * (1 - fx) + e * fx) * fy;
  }
}

// Calls paint(x, y, w0, w1, w2) for each pixel centre inside the triangle, with its barycentric weights.
function rasterise(p0, p1, p2, width, height, paint) {
  const area = (p1[0] - p0[0]) * (p2[1] - p0[1]) - (p2[0] - p0[0]) * (p1[1] - p0[1]);
  if (Math.abs(area) < 1e-6) {
    return;
  }
  const minX = Math.max(0, Math.floor(Math.min(p0[0], p1[0], p2[0])));
  const maxX = Math.min(width - 1, Math.ceil(Math.max(p0[0], p1[0], p2[0])));
  const minY = Math.max(0, Math.floor(Math.min(p0[1], p1[1], p2[1])));
  const maxY = Math.min(height - 1, Math.ceil(Math.max(p0[1], p1[1], p2[1])));
  for (let y = minY; y <= maxY; y++) {
    for (let x = minX; x <= maxX; x++) {
      const px = x + 0.5;
      const py = y + 0.5;
      const w0 = ((p1[0] - px) * (p2[1] - py) - (p2[0] - px) * (p1[1] - py)) / area;
      const w1 = ((p2[0] - px) * (p0[1] - py) - (p0[0] - px) * (p2[1] - py)) / area;
      const w2 = 1 - w0 - w1;
      if (w0 >= -1e-9 && w1 >= -1e-9 && w2 >= -1e-9) {
        paint(x, y, w0, w1, w2);
      }
    }
  }
}

// The frame with its face painted over: every pixel the mesh covers (a little widened) gets the mean of a row-wise
// and a column-wise blend of the nearest pixels outside, then a blur, so the face becomes a featureless skin patch.
function withoutFace(image, points, triangles) {
  const { width, height } = image;
  const mask = new Uint8Array(width * height);
  for (let t = 0; t < triangles.length; t += 3) {
    rasterise(points[triangles[t]], points[triangles[t + 1]], points[triangles[t + 2]], width, height, (x, y) => {
      mask[y * width + x] = 1;
    });
  }
  const grown = new Uint8Array(mask);
  const margin = 6;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (mask[y * width + x]) {
        for (let dy = -margin; dy <= margin; dy++) {
          for (let dx = -margin; dx <= margin; dx += margin) {
            const gx = x + dx;
            const gy = y + dy;
            if (gx >= 0 && gy >= 0 && gx < width && gy < height) {
              grown[gy * width + gx] = 1;
            }
          }
        }
      }
    }
  }
  const out = { width, height, data: Buffer.from(image.data) };
  const at = (x, y, c) => image.data[(y * width + x) * 4 + c];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (!grown[y * width + x]) {
        continue;
      }
      let l = x;
      while (l > 0 && grown[y * width + l]) l--;
      let r = x;
      while (r < width - 1 && grown[y * width + r]) r++;
      let u = y;
      while (u > 0 && grown[u * width + x]) u--;
      let d = y;
      while (d < height - 1 && grown[d * width + x]) d++;
      const fx = (x - l) / Math.max(1, r - l);
      const fy = (y - u) / Math.max(1, d - u);
      for (let c = 0; c < 3; c++) {
        const row = at(l, y, c) * (1 - fx) + at(r, y, c) * fx;
        const column = at(x, u, c) * (1 - fy) + at(x, d, c) * fy;
        out.data[(y * width + x) * 4 + c] = (row + column) / 2;
      }
    }
  }
  return blurInside(out, grown, 9);
}

function blurInside(image, mask, radius) {
  const { width, height } = image;
  const source = Buffer.from(image.data);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (!mask[y * width + x]) {
        continue;
      }
      const sum = [0, 0, 0];
      let n = 0;
      for (let dy = -radius; dy <= radius; dy += 3) {
        for (let dx = -radius; dx <= radius; dx += 3) {
          const sx = Math.max(0, Math.min(width - 1, x + dx));
          const sy = Math.max(0, Math.min(height - 1, y + dy));
          for (let c = 0; c < 3; c++) sum[c] += source[(sy * width + sx) * 4 + c];
          n++;
        }
      }
      for (let c = 0; c < 3; c++) image.data[(y * width + x) * 4 + c] = sum[c] / n;
    }
  }
  return image;
}

// The face's outline in the mesh (Human's meshAnnotations.silhouette), in order around the face.
const OUTLINE = [10, 338, 297, 332, 284, 251, 389, 356, 454, 323, 361, 288, 397, 365, 379, 378, 400, 377, 152, 148, 176,
  149, 150, 136, 172, 58, 132, 93, 234, 127, 162, 21, 54, 103, 67, 109];
// How far around the face the picture is stretched to follow the turned face, as a multiple of the outline's radius.
const SKIRT = 1.6;

// The mesh with a skirt: a ring of points around the outline that stays where it is, joined to the outline by
// triangles, so the hair, ears and neck stretch to meet the turned face and no painted-over patch shows beside it.
function withSkirt(mesh, triangles) {
  const centre = [0, 1].map((axis) => OUTLINE.reduce((sum, i) => sum + mesh[i][axis], 0) / OUTLINE.length);
  const behind = Math.max(...mesh.map((p) => p[2])) * 4 + 1000;
  const ring = OUTLINE.map((i) => [centre[0] + (mesh[i][0] - centre[0]) * SKIRT, centre[1] + (mesh[i][1] - centre[1]) * SKIRT, behind]);
  const points = mesh.concat(ring);
  const all = Array.from(triangles);
  for (let k = 0; k < OUTLINE.length; k++) {
    const next = (k + 1) % OUTLINE.length;
    all.push(OUTLINE[k], OUTLINE[next], mesh.length + k, OUTLINE[next], mesh.length + next, mesh.length + k);
  }
  return { points, triangles: all, fixed: mesh.length };
}

// The face's mesh turned by the angles and drawn over the painted-over frame, nearest triangles in front; the skirt
// (points from `fixed` on) does not turn and lies behind the face.
function turned(image, background, skirted, [yawDegrees, pitchDegrees]) {
  const { width, height } = image;
  const { points, triangles, fixed } = skirted;
  const face = points.slice(0, fixed);
  const centre = [0, 1, 2].map((axis) => face.reduce((sum, p) => sum + p[axis], 0) / fixed);
  const faceWidth = Math.max(...face.map((p) => p[0])) - Math.min(...face.map((p) => p[0]));
  // The head turns about a point behind the face's surface, roughly where the neck's axis is.
  centre[2] += faceWidth * 0.25;
  const rotate = rotation(yawDegrees * Math.PI / 180, pitchDegrees * Math.PI / 180);
  const moved = points.map((p, i) => {
    if (i >= fixed) {
      return p;
    }
    const r = rotate([p[0] - centre[0], p[1] - centre[1], p[2] - centre[2]]);
    return [r[0] + centre[0], r[1] + centre[1], r[2] + centre[2]];
  });
  const out = { width, height, data: Buffer.from(background.data) };
  const depth = new Float32Array(width * height).fill(Infinity);
  const colour = [0, 0, 0];
  for (let t = 0; t < triangles.length; t += 3) {
    const [a, b, c] = [triangles[t], triangles[t + 1], triangles[t + 2]];
    rasterise(moved[a], moved[b], moved[c], width, height, (x, y, w0, w1, w2) => {
      const z = moved[a][2] * w0 + moved[b][2] * w1 + moved[c][2] * w2;
      if (z >= depth[y * width + x]) {
        return;
      }
      depth[y * width + x] = z;
      sample(image, points[a][0] * w0 + points[b][0] * w1 + points[c][0] * w2 + 0.5,
        points[a][1] * w0 + points[b][1] * w1 + points[c][1] * w2 + 0.5, colour);
      for (let k = 0; k < 3; k++) out.data[(y * width + x) * 4 + k] = colour[k];
    });
  }
  return out;
}

// Human's mesh gives x and y in picture pixels but depth in the mesh model's own input scale (256). Depth is brought
// to pixels and then deepened: Human's pose reading of a rendered turn is about half the turn's angle, and a deeper
// face reads as turned at a smaller angle, which stretches the texture less.
const MESH_INPUT = 256;
const DEPTH = 2;

function meshInPixels(face) {
  const scale = (face.box[2] / MESH_INPUT) * DEPTH;
  return face.mesh.map(([x, y, z]) => [x, y, z * scale]);
}

// How far the engine must read each pose: past the factor's 20 degrees with a margin for the camera's re-encoding,
// the other axis near zero; a frontal frame within a few degrees of straight.
const TURN = 24.5;
const TURN_AT_LEAST = 23;
const OTHER_AT_MOST = 5;
const FRONT_AT_MOST = 4;
const MAX_RENDER_DEGREES = 60;

// One person's five poses, each found by turning the rendered head until the engine reads it as asked. The direction
// of each turn comes from the geometry alone (LEFT always turns the mesh to the person's left); the engine only says
// how far. So the engine's sign convention is measured by these frames, not assumed by them.
class Poser {
  constructor(engine, image, mesh, triangles) {
    this.engine = engine;
    this.image = image;
    this.mesh = mesh;
    this.triangles = triangles;
    this.background = withoutFace(image, mesh, triangles);
    this.skirted = withSkirt(mesh, triangles);
  }

  render([yaw, pitch]) {
    const picture = yaw === 0 && pitch === 0 ? this.image
      : turned(this.image, this.background, this.skirted, [yaw, pitch]);
    return Buffer.from(jpeg.encode(picture, QUALITY).data);
  }

  async read(turn) {
    const bytes = this.render(turn);
    const faces = await this.engine.detect(bytes);
    return { bytes, turn, faces: faces.length, yaw: faces[0]?.pose?.yaw, pitch: faces[0]?.pose?.pitch };
  }

  // The engine's degrees per rendered degree on each axis, from two small turns.
  async calibrate() {
    this.straight = await this.read([0, 0]);
    const left = await this.read([15, 0]);
    const up = await this.read([0, 15]);
    if ([this.straight, left, up].some((r) => r.faces !== 1)) {
      throw new Error('the face is not found once in the frame or in a small turn of it');
    }
    this.jacobian = [[(left.yaw - this.straight.yaw) / 15, (up.yaw - this.straight.yaw) / 15],
      [(left.pitch - this.straight.pitch) / 15, (up.pitch - this.straight.pitch) / 15]];
  }

  // Newton steps on the rendered angles towards the engine reading `target`, started from `from`.
  async seek(target, from, done) {
    const [[a, b], [c, d]] = this.jacobian;
    const det = a * d - b * c;
    let turn = from;
    let reading = await this.read(turn);
    for (let step = 0; step < 8 && !(reading.faces === 1 && done(reading)); step++) {
      if (reading.faces !== 1) {
        turn = [(turn[0] + from[0]) / 2, (turn[1] + from[1]) / 2];
      } else {
        const dy = target[0] - reading.yaw;
        const dp = target[1] - reading.pitch;
        const clamp = (v) => Math.max(-12, Math.min(12, v));
        turn = [turn[0] + clamp((d * dy - b * dp) / det), turn[1] + clamp((a * dp - c * dy) / det)]
          .map((v) => Math.max(-MAX_RENDER_DEGREES, Math.min(MAX_RENDER_DEGREES, v)));
      }
      reading = await this.read(turn);
    }
    if (reading.faces !== 1 || !done(reading)) {
      throw new Error(`no rendered turn reads as asked (last: ${reading.faces} faces, yaw ${reading.yaw}, pitch ${reading.pitch})`);
    }
    return reading;
  }

  async poses() {
    await this.calibrate();
    const front = await this.seek([0, 0], [0, 0],
      (r) => Math.abs(r.yaw) <= FRONT_AT_MOST && Math.abs(r.pitch) <= FRONT_AT_MOST);
    const yawSign = Math.sign(this.jacobian[0][0]);
    const pitchSign = Math.sign(this.jacobian[1][1]);
    const axis = (reading, index) => (index === 0 ? reading.yaw : reading.pitch);
    const result = { front };
    // Rendered direction, engine axis of the turn, the engine's reading asked for.
    const wanted = {
      left: [[1, 0], 0, [yawSign * TURN, 0]],
      right: [[-1, 0], 0, [-yawSign * TURN, 0]],
      up: [[0, 1], 1, [0, pitchSign * TURN]],
      down: [[0, -1], 1, [0, -pitchSign * TURN]],
    };
    for (const [pose, [direction, index, target]] of Object.entries(wanted)) {
      const start = [front.turn[0] + direction[0] * 20, front.turn[1] + direction[1] * 20];
      const reading = await this.seek(target, start, (r) => Math.abs(axis(r, index)) >= TURN_AT_LEAST
        && Math.sign(axis(r, index)) === Math.sign(target[index]) && Math.abs(axis(r, 1 - index)) <= OTHER_AT_MOST);
      // The geometry decides the name: a LEFT frame is a head rendered turned to the person's left.
      const rendered = reading.turn[index] - front.turn[index];
      if (Math.sign(rendered) !== direction[index] || Math.abs(rendered) < 10) {
        throw new Error(`the ${pose} frame was found at a rendered turn of ${rendered} degrees`);
      }
      result[pose] = reading;
    }
    return result;
  }
}

async function main(args) {
  const [outDir, ...frames] = args;
  if (!outDir || frames.length === 0) {
    throw new Error('usage: node tools/head-turns.js <out-dir> <frame.jpg>...');
  }
  const engine = new FaceEngine({ maxFaces: 2, maxMegapixels: 4, maxDecodeMegabytes: 64, maxWaiting: 1 });
  await engine.start();
  fs.mkdirSync(outDir, { recursive: true });
  for (const file of frames) {
    const bytes = fs.readFileSync(file);
    const image = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: 4 });
    const rgb = engine.decode(bytes);
    const tensor = engine.human.tf.tensor4d(rgb.data, [1, rgb.height, rgb.width, 3], 'int32');
    const result = await engine.human.detect(tensor);
    engine.human.tf.dispose(tensor);
    const face = result.face[0];
    if (result.face.length !== 1 || !face.mesh || face.mesh.length < 468) {
      throw new Error(`not exactly one face with a mesh in ${path.basename(file)}`);
    }
    const name = path.basename(file).replace(/\.jpe?g$/i, '');
    const poses = await new Poser(engine, image, meshInPixels(face), engine.human.faceTriangulation).poses();
    const readings = {};
    for (const [pose, reading] of Object.entries(poses)) {
      fs.writeFileSync(path.join(outDir, `${name}-${pose}.jpg`), reading.bytes);
      readings[pose] = { renderedYaw: reading.turn[0], renderedPitch: reading.turn[1], engineYaw: reading.yaw, enginePitch: reading.pitch };
    }
    // What was rendered (positive: to the person's left, up) and what the engine read, for the test's report.
    fs.writeFileSync(path.join(outDir, `${name}-poses.json`), JSON.stringify(readings, null, 2));
    console.log(`${name}: ${Object.entries(readings).map(([p, r]) => `${p} yaw ${r.engineYaw.toFixed(1)} pitch ${r.enginePitch.toFixed(1)}`).join('; ')}`);
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(() => process.exit(0), (e) => {
    console.error(`head-turns: ${e.message}`);
    process.exit(1);
  });
}
