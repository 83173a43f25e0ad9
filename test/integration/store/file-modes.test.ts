import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/store/database';
import { DB_FILE_NAME } from '../../../electron/core/create-core';
import { clientFor, makeTestCore, must, testService } from '../../helpers/test-core';
import { cliEnv, runCli } from '../../helpers/cli';

const mode = (p: string) => statSync(p).mode & 0o777;

describe('finding 10: data files are readable by their owner only', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
  /** KEYDECK_DATA_DIR inside a folder others may list, as the finding had it. */
  const openFolder = () => {
    const parent = mkdtempSync(join(tmpdir(), 'keydeck-modes-'));
    dirs.push(parent);
    const data = join(parent, 'data');
    mkdirSync(data, { mode: 0o755 });
    chmodSync(data, 0o755);
    return data;
  };

  it('finding 10: the database, its -wal and its -shm are 0600 when the app creates them (umask 022)', async () => {
    const old = process.umask(0o022);
    try {
      const core = makeTestCore({ dataDir: openFolder() });
      await must(clientFor(core.router).invoke('keys.import', { name: 'm', provider: 'kernle', secret: 'sk-file-modes-0000001' }));
      const db = join(core.dataDir, DB_FILE_NAME);
      for (const f of [db, `${db}-wal`, `${db}-shm`]) {
        expect(existsSync(f), f).toBe(true);
        expect(mode(f), f).toBe(0o600);
      }
      await core.cleanup();
    } finally {
      process.umask(old);
    }
  });

  it('finding 10: a CLI process creating the data files makes them 0600 too', async () => {
    const data = openFolder();
    const service = testService();
    const r = await runCli(['import', '--name', 'cli', '--provider', 'kernle'], { env: cliEnv(data, service), stdin: 'sk-file-modes-cli-00001\n' });
    expect(r.code).toBe(0);
    for (const f of [DB_FILE_NAME, `${DB_FILE_NAME}-wal`, `${DB_FILE_NAME}-shm`]) if (existsSync(join(data, f))) expect(mode(join(data, f)), f).toBe(0o600);
    expect(mode(join(data, DB_FILE_NAME))).toBe(0o600);
    // The CLI's keychain item goes with this test.
    const core = makeTestCore({ dataDir: data, service });
    await core.cleanup();
  });

  it('finding 10: a database an older build left 0644 is narrowed on open', () => {
    const data = openFolder();
    const file = join(data, 'old.sqlite');
    writeFileSync(file, '');
    chmodSync(file, 0o644);
    const db = openDatabase(file);
    expect(mode(file)).toBe(0o600);
    db.close();
  });
});
