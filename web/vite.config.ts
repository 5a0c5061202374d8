import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig, type Plugin } from 'vite';

const root = import.meta.dirname;

/**
 * The service worker is a second entry with a fixed name (its URL must not change between builds); once
 * the bundle is written, the names of every hashed file are put into it so it can precache the shell.
 */
function serviceWorkerManifest(): Plugin {
  return {
    name: 'nongsan-service-worker-manifest',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      // The public files (manifest, icon) are copied beside the bundle, not part of it.
      const files = [...Object.keys(bundle), ...readdirSync(join(root, 'public'))]
        .filter((name) => name !== 'sw.js' && name !== 'index.html' && !name.startsWith('.vite/') && !name.endsWith('.map'))
        .sort();
      const version = createHash('sha256').update(files.join('\n')).digest('hex').slice(0, 12);
      const worker = bundle['sw.js'];
      if (!worker || worker.type !== 'chunk') throw new Error('sw.js missing from the bundle');
      const before = worker.code;
      worker.code = before.replace(/(["'`])__PRECACHE_FILES__\1/, JSON.stringify(files)).replace('__PRECACHE_VERSION__', version);
      if (worker.code === before || worker.code.includes('__PRECACHE_FILES__')) throw new Error('sw.js: precache placeholders not found');
    },
  };
}

export default defineConfig({
  root,
  base: '/app/',
  publicDir: join(root, 'public'),
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: join(root, 'dist'),
    emptyOutDir: true,
    // .vite/manifest.json: the chunk graph, read by bench:app to measure the first load (not served).
    manifest: true,
    target: 'es2020',
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
    rollupOptions: {
      input: { main: join(root, 'index.html'), sw: join(root, 'src', 'sw.ts') },
      output: {
        entryFileNames: (chunk) => (chunk.name === 'sw' ? 'sw.js' : 'assets/[name]-[hash].js'),
      },
    },
  },
  plugins: [serviceWorkerManifest()],
});
