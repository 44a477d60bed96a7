import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initApi } from './api';
import { App } from './app';
import { subscribePushes, useApp } from './store';
import './styles.css';

const root = createRoot(document.getElementById('root') as HTMLElement);

initApi()
  .then(() => {
    subscribePushes();
    // Tell main the subscriptions exist so it can release queued pushes (preload only).
    (window.api as { ready?: () => void } | undefined)?.ready?.();
    void useApp.getState().load();
    root.render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
  })
  .catch((err: unknown) => {
    root.render(<p className="fatal">{err instanceof Error ? err.message : String(err)}</p>);
  });
