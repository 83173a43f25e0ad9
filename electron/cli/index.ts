#!/usr/bin/env -S node --
// The `--` matters: without it Node reads `--env-file` anywhere in argv as its own option (and
// would load or choke on the file meant for `keydeck run --env-file`).
import { enableCompileCache } from 'node:module';
import { compileCacheDir } from './compile-cache';

// Before anything else is loaded: V8's compiled code for the bundle is kept between runs, so a
// start parses and compiles almost nothing (tens of ms on every command). Only code, never data.
try {
  enableCompileCache(compileCacheDir());
} catch {
  // A read-only or missing cache folder only costs speed.
}

void import('./run').then(({ runKeydeckCli }) =>
  runKeydeckCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  }),
);
