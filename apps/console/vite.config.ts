import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The console is served by the API at `/` (apps/api/src/bootstrap.ts); `npm run dev` proxies the API on :3000. */
const api = [
  '/auth',
  '/me',
  '/achievements',
  '/policy',
  '/subsidies',
  '/tenants',
  '/health',
  '/rollup',
  '/monitoring',
  '/demands',
  '/organizations',
  '/contracts',
];

export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, manifest: true, chunkSizeWarningLimit: 1500 },
  server: { proxy: Object.fromEntries(api.map((p) => [p, 'http://127.0.0.1:3000'])) },
});
