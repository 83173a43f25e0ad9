// Preloaded into plain Node (`node --require`) in place of Electron's binary: `require('electron')`
// answers with a recorder, so the BUILT main bundle can run as the `keydeck` command in a child
// process. Every use of Electron is written to KEYDECK_FAKE_ELECTRON_LOG; app.exit ends the process.
const Module = require('node:module');
const { appendFileSync } = require('node:fs');

const log = (line) => appendFileSync(process.env.KEYDECK_FAKE_ELECTRON_LOG, `${line}\n`);
log(`argv ${JSON.stringify(process.argv.slice(2))}`);

function recorder(path) {
  return new Proxy(function () {}, {
    get: (_t, key) => (typeof key === 'symbol' ? undefined : recorder(`${path}.${key}`)),
    apply: () => {
      log(`call ${path}`);
      return undefined;
    },
    construct: () => {
      log(`new ${path}`);
      return recorder(`(new ${path})`);
    },
  });
}

const app = new Proxy(
  {
    isPackaged: true,
    dock: undefined, // as on Linux and Windows
    exit(code) {
      log(`app.exit ${code}`);
      process.exit(code);
    },
  },
  { get: (target, key) => (key in target ? target[key] : recorder(`app.${String(key)}`)) },
);
const electron = new Proxy({ app }, { get: (target, key) => (key in target ? target[key] : recorder(String(key))) });

const load = Module._load;
Module._load = function (request, parent, isMain) {
  return request === 'electron' ? electron : load.call(this, request, parent, isMain);
};
