// The floor `keydeck run` and `keydeck read` are measured against: Node starts, reads one secret
// from the keychain, and spawns one process with it in the environment. Nothing else.
import { AsyncEntry } from '@napi-rs/keyring';
import { spawn } from 'node:child_process';

const [service, account, ...cmd] = process.argv.slice(2);
const secret = await new AsyncEntry(service, account, { linux: { store: 'secret-service' } }).getPassword();
if (!secret) process.exit(1);
spawn(cmd[0], cmd.slice(1), { stdio: 'inherit', env: { ...process.env, BENCH_SECRET: secret } }).on('exit', (code) => process.exit(code ?? 1));
