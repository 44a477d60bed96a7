import i18next from 'i18next';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initApi } from './api';
import { App } from './app';
import { initI18n } from './i18n';
import { subscribePushes, useApp } from './store';
import './styles.css';
import './styles-setup.css';
import './styles-status.css';
import './styles-logs.css';
import './styles-log-detail.css';
import './styles-usage.css';

initI18n();
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
  .catch(() => {
    root.render(<p className="fatal">{i18next.t('app.noApi')}</p>);
  });
