import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The server serves dist/ at / with an SPA fallback and the API under /api on the same origin.
// In development, vite proxies /api to a server started with `npx seatline start` (port 8080).
export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: {
      '/api': { target: process.env.SEATLINE_API ?? 'http://localhost:8080', changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
});
