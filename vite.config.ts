import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Heavy, optional pieces (layout engine, charts, image export) are loaded on demand and land in
// their own chunks; the simulation runs in a module worker (src/workers).
export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
    // Everything the first paint loads goes in one file: gzip then compresses it as a whole (1.8 kB
    // less than the six small shared chunks rolldown would split off), in fewer requests.
    rolldownOptions: { output: { codeSplitting: { groups: [{ name: 'first-load', tags: ['$initial'] }] } } },
  },
});
