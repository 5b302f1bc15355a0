import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `npm start` serves the demo here; the dev worker's CORS and `azp` checks allow this origin.
export default defineConfig({
  plugins: [react()],
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  preview: { host: '127.0.0.1', port: 5173, strictPort: true },
});
