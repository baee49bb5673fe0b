/**
 * Vite config of the playground: `pnpm playground` serves it, `pnpm
 * playground:build` writes a static site to examples/playground/dist/ with
 * relative URLs (it works from any folder or static host).
 */
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // vega + vega-lite are most of the bundle (~1.3 MB minified); the page loads them once
    chunkSizeWarningLimit: 2000,
    // the worker-URL plugin's timing note is noise in test logs
    rolldownOptions: { checks: { pluginTimings: false } },
  },
  worker: { format: 'es' },
});
