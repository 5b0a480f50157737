import { defineConfig } from 'vitest/config';

// The API runs on another port during `npm run dev`; DIM_API names it (default: the service's 8080).
const api = process.env.DIM_API ?? 'http://localhost:8080';
const apiPaths = ['/health', '/datasets', '/access-events', '/train', '/recommendations', '/policies',
  '/plan-migration', '/jobs', '/events', '/metrics', '/stores', '/models', '/costs', '/simulate',
  '/openapi.json', '/docs'];

export default defineConfig({
  build: {
    // straight into the service's classpath, so Maven packages it into the jar
    outDir: '../target/classes/webroot',
    emptyOutDir: true,
    // one bundle for a local tool's UI is fine; recharts alone is most of it
    chunkSizeWarningLimit: 900,
  },
  server: {
    proxy: Object.fromEntries(apiPaths.map((p) => [p, { target: api, changeOrigin: true }])),
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['src/test/setup.ts'],
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
  },
});
