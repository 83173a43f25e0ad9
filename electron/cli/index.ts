#!/usr/bin/env node
import { runKeydeckCli } from './run';

void runKeydeckCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
