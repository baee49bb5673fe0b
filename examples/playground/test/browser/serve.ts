/**
 * Build the playground with Vite into a temporary folder and serve it with
 * Vite's preview server on 127.0.0.1 at a free port.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';

const CONFIG = fileURLToPath(new URL('../../vite.config.ts', import.meta.url));

/** A served build and how to stop it. */
export interface Served {
  readonly url: string;
  /** Stop the server and remove the build. */
  close(): Promise<void>;
}

/** Build, then serve; the port is chosen by the system (port 0). */
export async function buildAndServe(): Promise<Served> {
  const outDir = mkdtempSync(join(tmpdir(), 'descent-playground-'));
  try {
    await build({ configFile: CONFIG, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
    const server = await preview({ configFile: CONFIG, logLevel: 'warn', build: { outDir }, preview: { host: '127.0.0.1', port: 0, strictPort: true, open: false } });
    const address = server.httpServer.address();
    if (address === null || typeof address === 'string') throw new Error(`playground preview: unexpected server address ${String(address)}`);
    return {
      url: `http://127.0.0.1:${address.port}/`,
      close: async () => {
        try {
          await server.close();
        } finally {
          rmSync(outDir, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    rmSync(outDir, { recursive: true, force: true });
    throw error;
  }
}
