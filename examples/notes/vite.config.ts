import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The worker's default CORS_ORIGINS and CLERK_AUTHORIZED_PARTIES list this origin.
export default defineConfig({
  plugins: [react()],
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  preview: { host: '127.0.0.1', port: 5173, strictPort: true },
});
