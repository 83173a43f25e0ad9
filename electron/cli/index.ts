#!/usr/bin/env -S node --
// The `--` matters: without it Node reads `--env-file` anywhere in argv as its own option (and
// would load or choke on the file meant for `keydeck run --env-file`).
import { runKeydeckCli } from './run';

void runKeydeckCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
