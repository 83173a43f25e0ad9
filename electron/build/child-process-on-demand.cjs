'use strict';
// `node:child_process` as commander sees it in the main-process bundle (electron.vite.config.ts).
// Commander requires it when it loads, for executable subcommands, which keydeck never declares;
// loading it costs ~2 ms of every CLI start. This looks it up on first use instead.
module.exports = new Proxy(
  {},
  {
    get: (_, name) => process.getBuiltinModule('node:child_process')[name],
    has: (_, name) => name in process.getBuiltinModule('node:child_process'),
  },
);
