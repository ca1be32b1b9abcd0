import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

// `vite` (dev) forwards API and WebSocket calls to a running `hydro serve`; the default is the
// headless server's default HTTP address (architecture.md §7).
const CORE_URL = process.env.HYDRO_CORE_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  root: here('.'),
  // Absolute asset URLs: the core serves index.html for every non-API path (history routing),
  // so relative URLs would break on deep links such as /system.
  base: '/',
  plugins: [vue()],
  resolve: {
    alias: {
      '@': here('./src'),
      '@contracts': here('../core/src/contracts'),
    },
  },
  define: {
    // vue-i18n feature flags: Composition API only, no devtools hooks in the shipped bundle.
    __VUE_I18N_FULL_INSTALL__: 'true',
    __VUE_I18N_LEGACY_API__: 'false',
    __INTLIFY_PROD_DEVTOOLS__: 'false',
  },
  server: {
    proxy: { '/api': { target: CORE_URL, ws: true, changeOrigin: true } },
  },
  build: {
    outDir: here('../dist/renderer'),
    emptyOutDir: true,
    // The UI is served from this machine or the farm LAN, and the library chunks are cached.
    chunkSizeWarningLimit: 800,
    rolldownOptions: {
      output: {
        // Libraries change far less often than the app; separate chunks stay cached across
        // app updates.
        codeSplitting: {
          groups: [
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/ },
            { name: 'vendor', test: /node_modules[\\/]/ },
          ],
        },
      },
    },
  },
});
