import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function importErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}/${filePath}` });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layering is enforced by lint', { timeout: 60_000 }, () => {
  it.each([
    ['shared/contract/x.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"],
    ['shared/contract/x.ts', "import { readFileSync } from 'fs';\nexport const x = readFileSync;\n"],
    ['shared/contract/x.ts', "import { createCore } from '../../electron/core/createCore';\nexport const x = createCore;\n"],
    ['electron/core/x.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    ['electron/core/x.ts', "import { startHost } from '../host/server';\nexport const x = startHost;\n"],
    ['electron/host/x.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    ['renderer/src/x.ts', "import { createCore } from '../../electron/core/createCore';\nexport const x = createCore;\n"],
    ['renderer/src/x.ts', "import { join } from 'node:path';\nexport const x = join;\n"],
    ['electron/preload/x.ts', "import { createCore } from '../core/createCore';\nexport const x = createCore;\n"],
    ['electron/preload/x.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"],
  ])('%s may not: %s', async (file, code) => {
    expect(await importErrors(file, code)).not.toHaveLength(0);
  });

  it.each([
    ['shared/contract/x.ts', "import { z } from 'zod';\nimport { calls } from './index';\nexport const x = [z, calls];\n"],
    ['electron/core/x.ts', "import { join } from 'node:path';\nimport { calls } from '../../shared/contract';\nexport const x = [join, calls];\n"],
    ['electron/host/x.ts', "import { createCore } from '../core/createCore';\nexport const x = createCore;\n"],
    ['renderer/src/x.ts', "import { calls } from '../../shared/contract';\nimport './events';\nexport const x = calls;\n"],
    ['electron/preload/x.ts', "import { contextBridge } from 'electron';\nimport type { Envelope } from '../../shared/contract/errors';\nexport const x: [unknown, Envelope<unknown> | null] = [contextBridge, null];\n"],
  ])('%s may: %s', async (file, code) => {
    expect(await importErrors(file, code)).toEqual([]);
  });
});
