// Preloaded (`node --require`) into Electron's own install.js by ensure-electron.mjs. The download
// itself stays Electron's (@electron/get: ELECTRON_MIRROR, the cache, the checksums); this only
// reports, as JSON lines on fd 3, which URL it fetched and why it failed, so the launcher can
// explain the failure in one paragraph instead of install.js's raw stack.
const { writeSync } = require('node:fs');

function report(entry) {
  try {
    writeSync(3, `${JSON.stringify(entry)}\n`);
  } catch {
    // fd 3 is absent when someone runs this by hand; reporting is best effort.
  }
}

const realFetch = globalThis.fetch;
globalThis.fetch = (input, init) => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  report({ fetch: url });
  return realFetch(input, init).then(
    (response) => {
      if (!response.ok) report({ status: response.status, url });
      return response;
    },
    (error) => {
      // Node's fetch says only "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND…) is in `cause`.
      const cause = error && error.cause;
      report({ network: (cause && (cause.code || cause.message)) || (error && error.message) || 'unknown', url });
      throw error;
    },
  );
};

// install.js prints `err.stack` with console.error and exits 1: keep the message, drop the stack.
console.error = (...args) => {
  const text = args.map((a) => (a instanceof Error ? a.stack || a.message : String(a))).join(' ');
  report({ error: text.split('\n').find((line) => line.trim() !== '') || text });
};
