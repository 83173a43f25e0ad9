import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, linkSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { rewriteEnvFile } from '../../../electron/core/rotation/env-file';
import { clientFor, makeTestCore, must, type TestCore } from '../../helpers/test-core';

const OLD = 'sk_live_old_0000000000000000000001';
const NEW = 'sk_live_new_0000000000000000000002';
let dir: string;
const fresh = () => (dir = mkdtempSync(join(tmpdir(), 'keydeck-envh-')));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('finding 1: values written into a .env cannot run anything', () => {
  it.each([
    ['a command substitution', `${NEW}$(touch /tmp/PWNED)`],
    ['a backtick', `${NEW}\`id\``],
    ['a quote and a newline', `${NEW}"\nEVIL=1`],
    ['a semicolon', `${NEW};id`],
  ])('finding 1: a new secret with %s is refused before writing; the file is unchanged', (_what, evil) => {
    fresh();
    const f = join(dir, '.env');
    writeFileSync(f, `KERNEL_API_KEY=${OLD}\nOTHER=1\n`, { mode: 0o600 });
    const r = rewriteEnvFile(f, 'KERNEL_API_KEY', OLD, evil, true);
    expect(r.outcome).toBe('failed');
    expect(r.message).toMatch(/did not write it into .*the file is unchanged/);
    expect(r.message).not.toContain(evil);
    expect(r.message).not.toContain(NEW);
    expect(readFileSync(f, 'utf8')).toBe(`KERNEL_API_KEY=${OLD}\nOTHER=1\n`);
    expect(existsSync(`${f}.keydeck-bak`)).toBe(false);
  });

  it("finding 1: an unquoted '~' is refused (a shell expands it), a quoted one is written", () => {
    fresh();
    const bare = join(dir, 'bare.env');
    const quoted = join(dir, 'quoted.env');
    writeFileSync(bare, `K=${OLD}\n`);
    writeFileSync(quoted, `K='${OLD}'\n`);
    expect(rewriteEnvFile(bare, 'K', OLD, `~root${NEW}`, false).outcome).toBe('failed');
    expect(rewriteEnvFile(quoted, 'K', OLD, `~root${NEW}`, false).outcome).toBe('updated');
    expect(readFileSync(quoted, 'utf8')).toBe(`K='~root${NEW}'\n`);
  });
});

describe('finding 3: a .env path that is not a regular file never blocks', () => {
  it('finding 3: a FIFO is reported at once, not read', () => {
    fresh();
    const fifo = join(dir, '.env');
    execFileSync('mkfifo', [fifo]);
    const started = Date.now();
    const r = rewriteEnvFile(fifo, 'KERNEL_API_KEY', OLD, NEW, false);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(r.outcome).toBe('failed');
    expect(r.message).toMatch(/is a named pipe \(FIFO\), not a regular file/);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it('finding 3: a device and a folder are refused too', () => {
    fresh();
    expect(rewriteEnvFile('/dev/zero', 'K', OLD, NEW, false).message).toMatch(/is a device/);
    mkdirSync(join(dir, 'd.env'));
    expect(rewriteEnvFile(join(dir, 'd.env'), 'K', OLD, NEW, false).message).toMatch(/is a folder/);
  });
});

describe('finding 4: a planted backup link is never written through', () => {
  it('finding 4: the link is replaced by a 0600 backup; its target keeps its content and mode', () => {
    fresh();
    const f = join(dir, '.env');
    const victim = join(dir, 'authorized_keys');
    writeFileSync(victim, 'ssh-ed25519 AAAA victim\n', { mode: 0o600 });
    writeFileSync(f, `KERNEL_API_KEY=${OLD}\n`, { mode: 0o644 });
    symlinkSync(victim, `${f}.keydeck-bak`);
    const r = rewriteEnvFile(f, 'KERNEL_API_KEY', OLD, NEW, true);
    expect(r.outcome).toBe('updated');
    expect(readFileSync(victim, 'utf8')).toBe('ssh-ed25519 AAAA victim\n');
    expect(statSync(victim).mode & 0o777).toBe(0o600);
    expect(lstatSync(`${f}.keydeck-bak`).isSymbolicLink()).toBe(false);
    expect(readFileSync(`${f}.keydeck-bak`, 'utf8')).toBe(`KERNEL_API_KEY=${OLD}\n`);
    expect(statSync(`${f}.keydeck-bak`).mode & 0o777).toBe(0o600);
  });
});

describe('finding 7: symlinks, concurrent edits, hard links, paths, unreadable files', () => {
  it('finding 7: a symlinked .env: the target is rewritten, the link stays, and the report says so', () => {
    fresh();
    const real = join(dir, 'real.env');
    const link = join(dir, '.env');
    writeFileSync(real, `KERNEL_API_KEY=${OLD}\n`, { mode: 0o600 });
    symlinkSync(real, link);
    const r = rewriteEnvFile(link, 'KERNEL_API_KEY', OLD, NEW, false);
    expect(r.outcome).toBe('updated');
    expect(r.message).toContain(`${real} (through the link ${link})`);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, 'utf8')).toBe(`KERNEL_API_KEY=${NEW}\n`);
  });

  it('finding 7: a line another tool adds between read and rename is not lost', () => {
    fresh();
    const f = join(dir, '.env');
    writeFileSync(f, `KERNEL_API_KEY=${OLD}\n`, { mode: 0o600 });
    const bak = `${f}.keydeck-bak`;
    const edit = () => writeFileSync(f, `KERNEL_API_KEY=${OLD}\nADDED_BY_OTHER_TOOL=1\n`);
    const r = rewriteWithEditDuringWrite(f, edit);
    expect(r.outcome).toBe('stale');
    expect(r.message).toMatch(/changed while Keydeck was updating it/);
    expect(readFileSync(f, 'utf8')).toBe(`KERNEL_API_KEY=${OLD}\nADDED_BY_OTHER_TOOL=1\n`);
    expect(existsSync(bak)).toBe(true);
  });

  it('finding 7: a hard-linked .env is left unchanged and reported, not half-updated', () => {
    fresh();
    const f = join(dir, '.env');
    const other = join(dir, 'copy.env');
    writeFileSync(f, `KERNEL_API_KEY=${OLD}\n`, { mode: 0o600 });
    linkSync(f, other);
    const r = rewriteEnvFile(f, 'KERNEL_API_KEY', OLD, NEW, false);
    expect(r.outcome).toBe('failed');
    expect(r.message).toMatch(/has 2 hard links/);
    expect(readFileSync(f, 'utf8')).toBe(`KERNEL_API_KEY=${OLD}\n`);
    expect(readFileSync(other, 'utf8')).toBe(`KERNEL_API_KEY=${OLD}\n`);
  });

  it('finding 7: an unreadable .env is reported as unreadable, not missing', () => {
    fresh();
    let path = join(dir, '.env');
    writeFileSync(path, `KERNEL_API_KEY=${OLD}\n`, { mode: 0o600 });
    chmodSync(path, 0o000);
    // root reads anything it chmods; a write-only /proc/sys file is unreadable even for root.
    if (process.getuid?.() === 0) path = '/proc/sys/vm/drop_caches';
    const r = rewriteEnvFile(path, 'KERNEL_API_KEY', OLD, NEW, false);
    expect(r.outcome).toBe('failed');
    expect(r.message).toMatch(/may not read it \(permission denied\)/);
  });

  describe('finding 7: usages.add', () => {
    let core: TestCore;
    let keyId: string;
    beforeAll(async () => {
      core = makeTestCore();
      keyId = (await must(clientFor(core.router).invoke('keys.import', { name: 'web', provider: 'kernle', secret: OLD }))).id;
    });
    afterAll(() => core.cleanup());

    it('finding 7: a ../ path is recorded in one canonical form, so the same file is recorded once', async () => {
      fresh();
      mkdirSync(join(dir, 'app'));
      const api = clientFor(core.router);
      const u = await must(api.invoke('usages.add', { keyId, envVar: 'KERNEL_API_KEY', filePath: `${dir}/app/../app/.env` }));
      expect(u.filePath).toBe(join(dir, 'app', '.env'));
      const again = await api.invoke('usages.add', { keyId, envVar: 'KERNEL_API_KEY', filePath: `${dir}/app/.env` });
      expect(again.ok).toBe(false);
      if (!again.ok) expect(again.error.code).toBe('conflict');
      expect(await must(api.invoke('usages.list', { keyId }))).toHaveLength(1);
    });
  });
});

/** Another tool writes the file after Keydeck read it and before Keydeck's rename. */
function rewriteWithEditDuringWrite(file: string, edit: () => void) {
  return rewriteEnvFile(file, 'KERNEL_API_KEY', OLD, NEW, true, { afterRead: edit });
}
