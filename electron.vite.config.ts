import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// Main and preload are CommonJS (.cjs) so the preload can run sandboxed; native and heavy
// packages stay external and load from node_modules at run time. The engine process is the
// fourth entry: built beside main (out/main/engine.cjs) and forked by it as a utility process;
// the browser host (out/main/serve.cjs) forks it too. Its worker threads are two more entries.
const external = [
  /^electron$/,
  /^better-sqlite3/,
  /^exceljs/,
  /^papaparse/,
  /^chardet/,
  /^iconv-lite/,
  /^jstat/,
  /^zod/,
  // Only the CLI's printer uses these; the app prints with Electron's printToPDF.
  /^playwright-core/,
  /^@sparticuz/,
];

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, 'src/main/index.ts'),
          engine: resolve(import.meta.dirname, 'src/engine/index.ts'),
          // The browser host of `npm run serve`: plain Node, forks the same engine entry.
          serve: resolve(import.meta.dirname, 'src/host/serve.ts'),
          // The engine's worker threads (a large CSV's conversion, a large sheet's reading), found
          // beside these entries by src/core/import/threads.ts workerEntry.
          'convert-worker': resolve(import.meta.dirname, 'src/core/import/convert-worker.ts'),
          'read-worker': resolve(import.meta.dirname, 'src/core/import/xlsx/read-worker.ts'),
        },
        external,
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: resolve(import.meta.dirname, 'src/preload/index.ts'),
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'src/renderer'),
    build: {
      outDir: 'out/renderer',
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, 'src/renderer/index.html'),
          // The report view: the briefing preview and what printToPDF prints.
          report: resolve(import.meta.dirname, 'src/renderer/report.html'),
        },
      },
    },
    plugins: [react()],
  },
});
