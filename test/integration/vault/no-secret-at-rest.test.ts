import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clientFor, makeTestCore, must } from '../../helpers/test-core';

/** Every byte Keydeck wrote to disk, in the database file and its WAL and shared-memory files. */
function diskBytes(dir: string): Array<{ file: string; bytes: Buffer }> {
  return readdirSync(dir).map((f) => ({ file: f, bytes: readFileSync(join(dir, f)) }));
}

function hits(files: Array<{ file: string; bytes: Buffer }>, secrets: string[]): string[] {
  const found: string[] = [];
  for (const { file, bytes } of files) {
    for (const s of secrets) {
      // The whole secret, and its distinctive middle (which no masked form shows).
      for (const needle of [s, s.slice(8, -4)]) {
        if (bytes.includes(Buffer.from(needle, 'utf8')) || bytes.includes(Buffer.from(needle, 'utf16le'))) found.push(`${file}: ${needle.slice(0, 6)}…`);
      }
    }
  }
  return found;
}

describe('secrets at rest', () => {
  it('no imported secret appears anywhere in the SQLite file, its WAL or its SHM, before or after checkpoint', async () => {
    const core = makeTestCore();
    const api = clientFor(core.router);
    const secrets = [
      'sk_live_AAAAbbbbCCCCddddEEEEffff0001',
      'knl_sk_0123456789abcdef0123456789abcdef',
      'sk-shapeA-QQQQwwwwEEEErrrrTTTT0003',
      'kinesis_pat_ZZZZyyyyXXXXwwwwVVVV0004',
      'asimov_tok_MMMMnnnnOOOOppppQQQQ0005',
    ];
    try {
      const ws = await must(api.invoke('workspaces.add', { name: 'Acme', provider: 'kernel-sh', environment: 'prod' }));
      await must(api.invoke('keys.import', { name: 'a', provider: 'kernel-sh', workspaceId: ws.id, secret: secrets[0]! }));
      await must(api.invoke('keys.import', { name: 'b', provider: 'kernle', secret: secrets[1]! }));
      await must(api.invoke('keys.import', { name: 'c', provider: 'kernle', secret: secrets[2]! }));
      await must(api.invoke('keys.import', { name: 'd', provider: 'kinesis', secret: secrets[3]! }));
      const e = await must(api.invoke('keys.import', { name: 'e', provider: 'asimov-kernel', secret: secrets[4]!, scopes: ['read'] }));
      // Paths that fail on purpose must not leave the secret behind either.
      expect((await api.invoke('keys.import', { name: 'dup', provider: 'kernle', secret: secrets[1]! })).ok).toBe(false);
      expect((await api.invoke('keys.import', { name: '', provider: 'kernle', secret: 'sk-invalid-but-secret-0006' })).ok).toBe(false);
      await must(api.invoke('keys.reveal', { id: e.id }));
      const all = [...secrets, 'sk-invalid-but-secret-0006'];

      const live = diskBytes(core.dataDir);
      expect(live.map((f) => f.file).sort()).toEqual(['keydeck.sqlite', 'keydeck.sqlite-shm', 'keydeck.sqlite-wal']);
      expect(live.find((f) => f.file.endsWith('-wal'))!.bytes.length).toBeGreaterThan(0);
      expect(hits(live, all)).toEqual([]);

      core.db.pragma('wal_checkpoint(TRUNCATE)');
      expect(hits(diskBytes(core.dataDir), all)).toEqual([]);
      // The scan itself can find things: the keychain holds the values it must hold.
      expect(await core.secrets.get(e.id)).toBe(secrets[4]);
    } finally {
      await core.cleanup();
    }
  });
});
