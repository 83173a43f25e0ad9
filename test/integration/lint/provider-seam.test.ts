import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PROVIDER_IDS, PROVIDERS } from '../../../shared/domain';
import { providerSpec } from '../../../electron/core/providers';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const ENGINES = ['electron/core/rotation', 'electron/core/sync', 'electron/core/expiry', 'electron/core/vault', 'electron/core/ipc', 'renderer/src'];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Issue 12: the engines work from the providers' declarations; an id appears only in providers/ and the catalog. */
describe('one seam for services', () => {
  it('no engine folder names a provider id or a provider plan', () => {
    const ids = PROVIDER_IDS.join('|').replace(/-/g, '\\-');
    const plans = PROVIDER_IDS.flatMap((id) => Object.values(providerSpec(id).plans)).join('|');
    const literal = new RegExp(`['"\`](${ids}|${plans})['"\`]`);
    const hits = ENGINES.flatMap((d) => files(join(root, d))).flatMap((f) =>
      readFileSync(f, 'utf8')
        .split('\n')
        .flatMap((line, i) => (literal.test(line) ? [`${f.slice(root.length)}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(hits).toEqual([]);
  });

  it('every catalog entry has a provider declaration, and every API rotation capability a plan', () => {
    for (const id of PROVIDER_IDS) {
      const spec = providerSpec(id);
      expect(spec.id).toBe(id);
      const rotate = PROVIDERS[id].capabilities.rotate;
      if (rotate !== 'guided') expect(spec.plans[rotate], `${id} declares a plan for ${rotate}`).toBeTruthy();
      expect(spec.refresh.autoIntervalMs).toBeGreaterThan(0);
    }
  });
});
