// The floor the CLI is measured against: Node starts and reads one secret from the keychain;
// given a command, it also spawns it with the secret in the environment (the floor of `run`).
// Nothing else.
import { AsyncEntry } from '@napi-rs/keyring';
import { spawn } from 'node:child_process';

const [service, account, ...cmd] = process.argv.slice(2);
const secret = await new AsyncEntry(service, account, { linux: { store: 'secret-service' } }).getPassword();
if (!secret) process.exit(1);
if (cmd.length === 0) process.stdout.write(secret);
else spawn(cmd[0], cmd.slice(1), { stdio: 'inherit', env: { ...process.env, BENCH_SECRET: secret } }).on('exit', (code) => process.exit(code ?? 1));
