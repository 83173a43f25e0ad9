'use strict';
// `zod` as the main-process bundle sees it (electron.vite.config.ts): `z` is evaluated the first
// time a schema is built, not when the bundle loads. The everyday CLI path (resolve a key, read
// its secret) builds none, so it never pays for zod. Only `z` is ever imported from 'zod'.
// zod itself is a file of its own (out/main/zod-api.js, from electron/build/zod-api.ts), required
// here by a path the build writes in, so no command that builds no schema even reads its code.
let z;
Object.defineProperty(exports, 'z', {
  enumerable: true,
  get: () => (z ??= require(require('node:path').join(__dirname, '__KEYDECK_ZOD_API__'))),
});
