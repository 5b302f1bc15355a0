import '@tinysync/react/styles.css';
import './demo.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import { registerOfflineCache } from './offline/register-offline-cache.ts';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
registerOfflineCache().catch((error: unknown) =>
  console.warn('The demo will not open offline: its service worker failed', error),
);
