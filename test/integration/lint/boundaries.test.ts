import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const eslint = new ESLint({ cwd: root, overrideConfigFile: `${root}electron/eslint.config.mjs` });

async function violations(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}${filePath}` });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('process boundaries are enforced by lint', () => {
  it('electron/core may not import electron', async () => {
    expect(await violations('electron/core/probe.ts', "import { app } from 'electron';\nexport const a = app;\n")).toHaveLength(1);
  });
  it('electron/core may use Node', async () => {
    expect(await violations('electron/core/probe.ts', "import { join } from 'node:path';\nexport const j = join;\n")).toEqual([]);
  });
  it('the renderer may import neither electron, Node, nor the core', async () => {
    expect(await violations('renderer/src/probe.ts', "import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;\n")).toHaveLength(1);
    expect(await violations('renderer/src/probe.ts', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n")).toHaveLength(1);
    expect(await violations('renderer/src/probe.ts', "import { createCore } from '../../electron/core/create-core';\nexport const c = createCore;\n")).toHaveLength(1);
  });
  it('shared/ may import neither Node nor electron', async () => {
    expect(await violations('shared/probe.ts', "import { createHash } from 'crypto';\nexport const h = createHash;\n")).toHaveLength(1);
    expect(await violations('shared/probe.ts', "import { app } from 'electron';\nexport const a = app;\n")).toHaveLength(1);
  });
  it('the sandboxed preload stays free of schemas and Node', async () => {
    expect(await violations('electron/preload/probe.ts', "import { z } from 'zod';\nexport const s = z;\n")).toHaveLength(1);
    expect(await violations('electron/preload/probe.ts', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n")).toHaveLength(1);
  });
});
