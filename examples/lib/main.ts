import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Whether the module at `moduleUrl` is the script node/tsx was started with
 * (the "main guard": examples run themselves only then, not when imported).
 * @example
 * if (isMain(import.meta.url)) await main();
 */
export function isMain(moduleUrl: string): boolean {
  const script = process.argv[1];
  return script !== undefined && moduleUrl === pathToFileURL(resolve(script)).href;
}
