import { readFileSync } from 'node:fs';
import path from 'node:path';
import { defineConfig, type Plugin } from 'vite';

// The embeddable chat widget: one self-contained script, dist/widget.js, built after the web app
// (whose build empties dist/), plus its demo host page served at /widget-demo.html.
const demoPage: Plugin = {
  name: 'seatline-widget-demo-page',
  generateBundle() {
    this.emitFile({ type: 'asset', fileName: 'widget-demo.html', source: readFileSync(path.resolve(import.meta.dirname, 'widget/demo.html'), 'utf8') });
  },
};

export default defineConfig({
  plugins: [demoPage],
  publicDir: false,
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2020',
    lib: {
      entry: path.resolve(import.meta.dirname, 'widget/src/main.ts'),
      formats: ['iife'],
      name: 'SeatlineChatWidget',
      fileName: () => 'widget.js',
    },
  },
});
