'use strict';
// The face engine: Human's face models on TensorFlow.js WASM (docs/face-engine.md). It only measures (boxes,
// embeddings, head pose, similarity); the face factor in Keycloak decides.
const fs = require('fs');
const http = require('http');
const path = require('path');
const jpeg = require('jpeg-js');
const { DetectionQueue } = require('./queue');

// The packages are found where npm installed them beside this service (their exports hide package.json).
const MODULES = path.join(__dirname, '..', 'node_modules');
const HUMAN_DIR = path.join(MODULES, '@vladmandic', 'human');
const MODELS_DIR = path.join(HUMAN_DIR, 'models');
const WASM_DIR = path.join(MODULES, '@tensorflow', 'tfjs-backend-wasm', 'dist');
const { Human } = require(path.join(HUMAN_DIR, 'dist', 'human.node-wasm.js'));

const DEGREES = 180 / Math.PI;

// The models come from the npm package only: Human loads them over HTTP, so a loopback server hands out the files
// of the package's models directory and nothing else; no model is fetched from the network at run time.
function serveModels() {
  const server = http.createServer((req, res) => {
    const name = decodeURIComponent((req.url || '').split('?')[0]).replace(/^\/models\//, '');
    if (!/^[a-z0-9-]+\.(json|bin)$/.test(name) || !fs.existsSync(path.join(MODELS_DIR, name))) {
      res.writeHead(404);
      return res.end();
    }
    res.writeHead(200);
    return res.end(fs.readFileSync(path.join(MODELS_DIR, name)));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

class FaceEngine {
  constructor(limits) {
    this.limits = limits;
    this.queue = new DetectionQueue(limits.maxWaiting);
  }

  async start() {
    this.modelServer = await serveModels();
    const modelBase = `http://127.0.0.1:${this.modelServer.address().port}/models/`;
    this.human = new Human({
      backend: 'wasm',
      debug: false,
      // Each request is a frame of its own: Human's video cache would reuse the previous frame's boxes and
      // embeddings for a similar-looking frame, so a frame could carry another frame's face (even another request's).
      cacheSensitivity: 0,
      modelBasePath: modelBase,
      wasmPath: `file://${WASM_DIR}/`,
      face: {
        enabled: true,
        detector: { maxDetected: this.limits.maxFaces, rotation: false, minConfidence: 0.5 },
        mesh: { enabled: true },
        iris: { enabled: false },
        description: { enabled: true },
        emotion: { enabled: false },
        antispoof: { enabled: false },
        liveness: { enabled: false },
      },
      body: { enabled: false },
      hand: { enabled: false },
      object: { enabled: false },
      gesture: { enabled: false },
      segmentation: { enabled: false },
      filter: { enabled: false },
    });
    await this.human.load();
    await this.human.warmup();
    // The models are in memory now; the loopback server is no longer needed.
    this.modelServer.close();
    this.versions = { detector: 'human.BlazeFace', calculator: 'human.FaceRes', pose: 'human.FaceMesh' };
  }

  // Decoding is bounded before any pixel is allocated: jpeg-js refuses images over the resolution and memory limits.
  decode(bytes) {
    if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) {
      throw new EngineInputError('the image is not a JPEG');
    }
    try {
      return jpeg.decode(bytes, {
        useTArray: true,
        formatAsRGBA: false,
        maxResolutionInMP: this.limits.maxMegapixels,
        maxMemoryUsageInMB: this.limits.maxDecodeMegabytes,
      });
    } catch (e) {
      throw new EngineInputError('the image cannot be decoded within the limits');
    }
  }

  // One detection at a time: the WASM backend runs on one thread; the bounded queue keeps memory and waiting bounded.
  detect(bytes) {
    return this.queue.run(() => this.detectNow(bytes));
  }

  // True when a new detection would be refused: callers answer before reading or decoding the request.
  busy() {
    return this.queue.full;
  }

  async detectNow(bytes) {
    const image = this.decode(bytes);
    const tensor = this.human.tf.tensor4d(image.data, [1, image.height, image.width, 3], 'int32');
    try {
      const result = await this.human.detect(tensor);
      return result.face.map((face) => ({
        probability: face.boxScore ?? face.score,
        box: face.box.map(Math.round),
        embedding: face.embedding ? Array.from(face.embedding) : [],
        // Human reports radians; CompreFace's pose plugin and the factor read degrees. Human's pitch is negative
        // when the face points up (measured on rendered turns, tools/head-turns.js); the factor's is negative down.
        pose: face.rotation && face.rotation.angle ? {
          pitch: -face.rotation.angle.pitch * DEGREES,
          roll: face.rotation.angle.roll * DEGREES,
          yaw: face.rotation.angle.yaw * DEGREES,
        } : null,
      }));
    } finally {
      this.human.tf.dispose(tensor);
    }
  }

  // Human's own similarity, the one docs/face-engine.md measured the 0.70 threshold with.
  similarity(a, b) {
    if (a.length !== b.length) {
      throw new EngineInputError('embeddings of different lengths');
    }
    return this.human.match.similarity(a, b);
  }
}

class EngineInputError extends Error {}

module.exports = { FaceEngine, EngineInputError };
