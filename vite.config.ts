import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Heavy, optional pieces (layout engine, charts, image export) are loaded on demand and land in
// their own chunks; the simulation runs in a module worker (src/workers).
export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 1500 },
});
