import { lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installCliLink } from '../../../electron/main/cli-link';

describe('installCliLink: the `keydeck` command on PATH', () => {
  let base: string;
  let home: string;
  let launcher: string;
  let fallback: string;
  beforeEach(() => {
    base = mkdtempSync(join(tmpdir(), 'keydeck-cli-link-'));
    home = join(base, 'home');
    fallback = join(base, 'usr-local-bin');
    mkdirSync(home);
    mkdirSync(fallback);
    launcher = join(base, 'opt/Keydeck/resources/bin/keydeck');
    mkdirSync(join(base, 'opt/Keydeck/resources/bin'), { recursive: true });
    writeFileSync(launcher, '#!/bin/sh\n', { mode: 0o755 });
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  it('links ~/.local/bin/keydeck to the launcher, creating the folder, and says whether it is on PATH', () => {
    const first = installCliLink({ launcherPath: launcher, homeDir: home, fallbackDir: fallback, pathEnv: '/usr/bin' });
    expect(first).toEqual({ linkPath: join(home, '.local/bin/keydeck'), launcherPath: launcher, alreadyInstalled: false, onPath: false });
    expect(readlinkSync(first.linkPath)).toBe(launcher);

    const again = installCliLink({ launcherPath: launcher, homeDir: home, fallbackDir: fallback, pathEnv: `/usr/bin:${join(home, '.local/bin')}` });
    expect(again).toMatchObject({ alreadyInstalled: true, onPath: true });
  });

  it('replaces Keydeck\'s own link from an older place, never someone else\'s file', () => {
    mkdirSync(join(home, '.local/bin'), { recursive: true });
    const link = join(home, '.local/bin/keydeck');
    symlinkSync('/Applications/Old Keydeck.app/Contents/Resources/bin/keydeck', link);
    expect(installCliLink({ launcherPath: launcher, homeDir: home, fallbackDir: fallback }).alreadyInstalled).toBe(false);
    expect(readlinkSync(link)).toBe(launcher);

    rmSync(link);
    writeFileSync(link, '#!/bin/sh\necho mine\n');
    expect(() => installCliLink({ launcherPath: launcher, homeDir: home, fallbackDir: fallback })).toThrow(/already exists and is not Keydeck's/);
    expect(lstatSync(link).isSymbolicLink()).toBe(false);
    expect(readFileSync(link, 'utf8')).toContain('mine');
  });

  it('falls back to /usr/local/bin when ~/.local/bin cannot be made, or links where it is told', () => {
    writeFileSync(join(home, '.local'), 'a file where the folder should be');
    expect(installCliLink({ launcherPath: launcher, homeDir: home, fallbackDir: fallback }).linkPath).toBe(join(fallback, 'keydeck'));
    expect(readlinkSync(join(fallback, 'keydeck'))).toBe(launcher);

    const chosen = join(base, 'bin-of-my-choice');
    expect(installCliLink({ launcherPath: launcher, targetDir: chosen }).linkPath).toBe(join(chosen, 'keydeck'));
  });

  it('refuses, with what to do instead, when this copy ships no launcher (a development run)', () => {
    expect(() => installCliLink({ launcherPath: join(base, 'missing/keydeck'), homeDir: home })).toThrow(/npm link/);
  });
});
