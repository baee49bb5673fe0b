/**
 * Debian's Chromium driven by playwright-core (Playwright's own browser
 * download does not work on these machines): found on PATH, launched with a
 * fixed set of flags and a fresh profile that is removed on close.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** The flags Chromium runs with here (headless, no sandbox as root, nothing phoning home). */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The Chromium binary: $CHROMIUM_PATH, else `command -v chromium`, else /usr/bin/chromium; undefined when none exists. */
export function findChromium(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv !== undefined && fromEnv !== '') return existsSync(fromEnv) ? fromEnv : undefined;
  try {
    const found = execFileSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (found !== '' && existsSync(found)) return found;
  } catch {
    // not on PATH
  }
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
}

/** A running Chromium and how to end it. */
export interface Chromium {
  readonly context: BrowserContext;
  /** Close the browser and remove its profile. */
  close(): Promise<void>;
}

/**
 * Launch `executablePath` with exactly CHROMIUM_FLAGS, a fresh --user-data-dir
 * and the pipe Playwright talks through (its default arguments are not added).
 */
export async function launchChromium(executablePath: string, viewport = { width: 1280, height: 900 }): Promise<Chromium> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'descent-chromium-'));
  try {
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath,
      ignoreDefaultArgs: true,
      args: [...CHROMIUM_FLAGS, `--user-data-dir=${userDataDir}`, '--remote-debugging-pipe', 'about:blank'],
      viewport,
      timeout: 60_000,
    });
    return {
      context,
      close: async () => {
        try {
          await context.close();
        } finally {
          rmSync(userDataDir, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    rmSync(userDataDir, { recursive: true, force: true });
    throw error;
  }
}
