// The command `keydeck run` starts in tests: each mode does one observable thing.
import { createHash } from 'node:crypto';
import { appendFileSync, writeFileSync } from 'node:fs';

const [mode, arg] = process.argv.slice(2);
const fp = (v) => (v === undefined ? 'unset' : createHash('sha256').update(v).digest('hex').slice(0, 16));

switch (mode) {
  case 'exit':
    process.exit(Number(arg));
    break;
  case 'kill-self':
    process.kill(process.pid, arg);
    setInterval(() => {}, 1000);
    break;
  case 'signals': {
    let n = 0;
    for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT']) {
      process.on(sig, () => {
        appendFileSync(arg, `${sig}\n`);
        if (++n === 4) process.exit(0);
        process.stdout.write(`got ${sig}\n`);
      });
    }
    process.stdout.write('ready\n');
    setInterval(() => {}, 1000);
    break;
  }
  case 'fingerprint':
    // Stays up until stopped, like a server: a restart is the only way it sees a new value.
    process.stdout.write(`pid:${process.pid} fp:${fp(process.env[arg])}\n`);
    setInterval(() => {}, 1000);
    break;
  case 'split': {
    // The secret in two writes, far enough apart that the reader gets two chunks.
    const v = process.env[arg] ?? '';
    const half = Math.floor(v.length / 2);
    process.stdout.write(`out:${v.slice(0, half)}`);
    process.stderr.write(`err:${v}\n`);
    setTimeout(() => process.stdout.write(`${v.slice(half)}:end\n`), 100);
    break;
  }
  case 'touch':
    writeFileSync(arg, 'started');
    break;
  case 'env':
    process.stdout.write(`${fp(process.env[arg])}\n`);
    break;
  default:
    process.exit(64);
}
