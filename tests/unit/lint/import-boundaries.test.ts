import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe("DESIGN.md's one-way imports, as a lint rule", () => {
  const forbidden: Array<[string, string]> = [
    ['renderer/src/x.ts', "import fs from 'node:fs';"],
    ['renderer/src/x.ts', "import Database from 'better-sqlite3';"],
    ['renderer/src/x.ts', "import { io } from 'socket.io-client';"],
    ['renderer/src/x.ts', "import { createStudioCore } from '../../electron/core/studio-core';"],
    ['renderer/src/x.ts', "import { app } from '../../server/app';"],
    ['shared/x.ts', "import path from 'node:path';"],
    ['shared/x.ts', "import { App } from '../renderer/src/app/App';"],
    ['shared/x.ts', "import { ipcMain } from 'electron';"],
    ['electron/core/x.ts', "import { app } from 'electron';"],
    ['electron/core/x.ts', "import { App } from '../../renderer/src/app/App';"],
    ['electron/web/x.ts', "import { BrowserWindow } from 'electron';"],
    ['electron/preload/x.ts', "import { createStudioCore } from '../core/studio-core';"],
    ['server/x.ts', "import { createStudioCore } from '../electron/core/studio-core';"],
    ['server/x.ts', "import { app } from 'electron';"],
  ];
  it.each(forbidden)('%s may not: %s', async (file, code) => {
    expect((await boundaryErrors(file, code)).length).toBeGreaterThan(0);
  });

  const allowed: Array<[string, string]> = [
    ['renderer/src/x.ts', "import { countWords } from '../../shared/text/word-count';"],
    ['electron/core/x.ts', "import fs from 'node:fs';"],
    ['electron/main/x.ts', "import { app } from 'electron';"],
    ['electron/main/x.ts', "import { createStudioCore } from '../core/studio-core';"],
    ['electron/preload/x.ts', "import { contextBridge } from 'electron';"],
    ['server/x.ts', "import { countWords } from '../shared/text/word-count';"],
  ];
  it.each(allowed)('%s may: %s', async (file, code) => {
    expect(await boundaryErrors(file, code)).toEqual([]);
  });
});
