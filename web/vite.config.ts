/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';

// The built app goes to web/dist, which the Nest app serves at / (src/web-app/web-app.ts).
// `npm run dev:web` serves it with hot reload on :5173 and sends API calls to `npm start` on :3000.
export default defineConfig({
  plugins: [react()],
  // @tandem/shared (packages/shared, the code the server runs too) is bundled from its
  // TypeScript source, the package's `tandem-source` export; its dist/ is CommonJS for Node.
  resolve: { conditions: ['tandem-source', ...defaultClientConditions] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Hashed file names under /assets are cached for a year by the server.
    assetsDir: 'assets',
    rolldownOptions: {
      output: {
        // Libraries change less often than the app: separate files stay cached across releases.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: 'mantine', test: /node_modules[\\/]@mantine[\\/]/ },
            { name: 'tanstack', test: /node_modules[\\/]@tanstack[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': 'http://localhost:3000',
    },
  },
  test: {
    environment: 'jsdom',
    environmentOptions: { jsdom: { url: 'http://localhost:3000/' } },
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    restoreMocks: true,
    // One jsdom and one module graph for all files of a worker (src/test/setup.ts resets the
    // document, the storages and the address after each test): a third of the time, as each
    // file no longer loads React, Mantine and a fresh jsdom.
    isolate: false,
    // Longer than Testing Library's 5 s wait (src/test/setup.ts), so a slow wait fails with its own message, not a test timeout.
    testTimeout: 40_000,
  },
});
