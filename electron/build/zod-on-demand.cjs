'use strict';
// `zod` as the main-process bundle sees it (electron.vite.config.ts): `z` is evaluated the first
// time a schema is built, not when the bundle loads. The everyday CLI path (resolve a key, read
// its secret) builds none, so it never pays for zod. Only `z` is ever imported from 'zod'.
let z;
Object.defineProperty(exports, 'z', {
  enumerable: true,
  get: () => (z ??= require('./zod-api.ts')),
});
