import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { pageSecurityTags } from './main/security/csp';

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [
    react(),
    {
      name: 'abowerk-csp',
      transformIndexHtml: (html) => html.replace('<head>', `<head>\n    ${pageSecurityTags()}`),
    },
  ],
  build: { outDir: '../dist/renderer', emptyOutDir: true, chunkSizeWarningLimit: 2000, sourcemap: false },
});
