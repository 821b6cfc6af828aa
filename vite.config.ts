import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The renderer: built into app/dist/renderer, loaded by Electron from its own
 * app:// scheme and by the development host over loopback HTTP. `base: './'`
 * keeps every asset URL relative, so both origins work unchanged.
 */
export default defineConfig({
  // Resolved from this file, so the build works from any working directory.
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./app/dist/renderer', import.meta.url)),
    emptyOutDir: true,
    // The CSP allows no inline code: keep even tiny assets as files.
    assetsInlineLimit: 0,
    sourcemap: true,
    // One bundle read from the local disk, never downloaded: size warnings meant for the web do not apply.
    chunkSizeWarningLimit: 2000,
  },
});
