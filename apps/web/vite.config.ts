/** The officers' web app: built into apps/web/dist, which the api serves at / (one origin, strict CSP). */
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  // Vite's own transform (Oxc) compiles TSX with React's automatic runtime; no fast-refresh plugin is needed.
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
    // dist/.vite/manifest.json: which files a page's code is, so the api can preload a regulation page's with its HTML.
    manifest: true,
  },
});
