// Vite build of the web app: dev proxy to the API, output in web/dist, and chunks split so that the public intake
// page does not load the staff screens, ECharts or the heavier Ant Design components.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const api = process.env.API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  server: { proxy: { '/api': { target: api, changeOrigin: false } } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    manifest: true,
    rollupOptions: {
      // rc-form declares no sideEffects, so Ant Design's Input (which only needs Form's context) would drag in the whole
      // form engine and its validator (~12 KB gzipped) into the public intake page. Neither has import-time effects.
      treeshake: {
        moduleSideEffects: [{ test: /node_modules\/@rc-component\/(form|async-validator)\//, sideEffects: false }],
      },
      output: {
        manualChunks(id: string) {
          if (id.includes('node_modules/echarts') || id.includes('node_modules/zrender')) return 'echarts';
          return undefined;
        },
      },
    },
  },
});
