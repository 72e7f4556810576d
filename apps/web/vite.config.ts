import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompress } from './build/precompress.ts';
import { preloadApp } from './build/preload-app.ts';

export default defineConfig({
  plugins: [
    react(),
    preloadApp(['/src/mount-app.tsx', '/src/features/reports/ReportPage.tsx']),
    precompress(),
  ],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false },
  // `pnpm --filter @callmine/web dev` proxies the API to a server started with `npm start`.
  server: { proxy: { '/trpc': 'http://127.0.0.1:3000', '/healthz': 'http://127.0.0.1:3000' } },
});
