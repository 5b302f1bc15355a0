import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { workspaceSource } from '../../scripts/workspace-source.ts';

// `npm start` serves the demo here; the dev worker's CORS and `azp` checks allow this origin.
export default defineConfig({
  plugins: [react(), workspaceSource()],
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  preview: { host: '127.0.0.1', port: 5173, strictPort: true },
});
