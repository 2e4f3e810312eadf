import { gzipSync } from 'node:zlib';
import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/** The first page's JavaScript budget, compressed: what a buyer on a slow line downloads before using it. */
const FIRST_PAGE_BUDGET_BYTES = 300 * 1024;

/**
 * Measures, in the build, the gzip size of the JavaScript the first page loads (the entry chunk and
 * every chunk it imports statically), prints it, and fails the build over budget. Lazy routes
 * (charts, maps, other roles' pages) are not counted: they load when visited.
 */
function firstPageBudget(): Plugin {
  return {
    name: 'first-page-budget',
    apply: 'build',
    generateBundle(_, bundle) {
      const entry = Object.values(bundle).find((item) => item.type === 'chunk' && item.isEntry);
      if (!entry || entry.type !== 'chunk') return;
      const seen = new Set<string>();
      const visit = (name: string) => {
        const chunk = bundle[name];
        if (seen.has(name) || !chunk || chunk.type !== 'chunk') return;
        seen.add(name);
        chunk.imports.forEach(visit);
      };
      visit(entry.fileName);
      let bytes = 0;
      for (const name of seen) {
        const chunk = bundle[name];
        if (chunk.type === 'chunk') bytes += gzipSync(chunk.code).length;
      }
      const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
      this.info(
        `first page JavaScript: ${kb(bytes)} gzip in ${seen.size} chunks (budget ${kb(FIRST_PAGE_BUDGET_BYTES)})`,
      );
      if (bytes > FIRST_PAGE_BUDGET_BYTES)
        this.error(
          `first page JavaScript is ${kb(bytes)} gzip, over the ${kb(FIRST_PAGE_BUDGET_BYTES)} budget`,
        );
    },
  };
}

/** The API during `npm run web:dev` (hot reload here, everything else proxied there). */
const api = process.env.API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: resolve(import.meta.dirname),
  plugins: [react(), firstPageBudget()],
  build: {
    outDir: resolve(process.env.WEB_OUT_DIR ?? resolve(import.meta.dirname, '../../dist/web')),
    // The first-page budget above is the limit that matters; lazy chunks may be larger.
    chunkSizeWarningLimit: 1024,
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    proxy: Object.fromEntries(
      ['/graphql', '/auth', '/admin', '/public', '/documents', '/certifications', '/orders/', '/health'].map(
        (path) => [path, { target: api, changeOrigin: false }],
      ),
    ),
  },
});
