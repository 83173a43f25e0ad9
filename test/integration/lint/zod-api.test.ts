import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as api from '../../../electron/build/zod-api';

const root = fileURLToPath(new URL('../../..', import.meta.url));
// Bundled into the main process with `zod` standing for electron/build/zod-on-demand.cjs.
const MAIN_SOURCES = ['electron', 'shared'];
/** Names only ever used as types (`z.infer<…>`, `z.core.$ZodIssue`): erased before the bundle runs. */
const TYPE_ONLY = new Set(['infer', 'input', 'output', 'core']);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

const sources = MAIN_SOURCES.flatMap((d) => files(join(root, d))).map((f) => ({ f: f.slice(root.length), text: readFileSync(f, 'utf8') }));

/** Issue 13: zod is evaluated on first use, from the names electron/build/zod-api.ts lists. */
describe('the main bundle’s zod', () => {
  it('is only ever imported as `z` (the stand-in provides nothing else)', () => {
    const other = sources.flatMap(({ f, text }) =>
      [...text.matchAll(/^import\s+(?!type\b)(.*?)\s+from\s+'zod(\/[^']*)?';/gm)].filter((m) => m[1] !== '{ z }' || m[2]).map((m) => `${f}: ${m[0]}`),
    );
    expect(other).toEqual([]);
  });

  it('builds no schema while a module loads: each waits in lazySchema (or a function) for its first use', () => {
    const eager = sources
      .filter(({ text }) => /from 'zod'/.test(text))
      .flatMap(({ f, text }) => {
        const sf = ts.createSourceFile(f, text, ts.ScriptTarget.Latest, true);
        return sf.statements.flatMap((st) => (ts.isVariableStatement(st) ? [...st.declarationList.declarations] : [])).flatMap((d) => {
          const init = d.initializer;
          if (!init || ts.isArrowFunction(init) || ts.isFunctionExpression(init) || ts.isNewExpression(init)) return [];
          const called = ts.isCallExpression(init) ? init.expression.getText(sf) : '';
          if (called === 'lazySchema' || called === 'lazyRecord') return [];
          // A schema built at load: `z.…` or a method of another schema (`KeySchema.extend(…)`).
          return /\bz\s*\.|\b[A-Z]\w*(Schema|Input)\s*\./.test(init.getText(sf)) ? [`${f}: ${d.name.getText(sf)}`] : [];
        });
      });
    expect(eager).toEqual([]);
  });

  it('lists every zod name the sources use as a value', () => {
    const used = new Set(sources.flatMap(({ text }) => [...text.matchAll(/\bz\.([A-Za-z_$][\w$]*)/g)].map((m) => m[1]!)));
    const missing = [...used].filter((name) => !TYPE_ONLY.has(name) && !(name in api));
    expect(missing).toEqual([]);
    expect(used.size).toBeGreaterThan(10);
  });
});
