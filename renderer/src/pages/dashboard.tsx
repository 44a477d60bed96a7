import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ClientsCard } from './clients-card';
import { GatewayCard } from './dashboard-gateway';
import { ApiKeysCard } from './dashboard-keys';
import { SetupFlow, useSetupSteps } from './dashboard-setup';
import { SparklineCard } from './dashboard-sparkline';
import { SnippetsCard } from './dashboard-snippets';
import { TestCard } from './dashboard-test';

const HIDDEN_KEY = 'lgw.setupGuideHidden';

export function DashboardPage() {
  const { t } = useTranslation();
  const steps = useSetupSteps();
  const allDone = steps.every(Boolean);
  // A guide finished while open stays to show its last tick until closed; a setup that was
  // already complete when the page opened shows no guide at all.
  const wasIncomplete = useRef(!allDone);
  const [hidden, setHidden] = useState(() => localStorage.getItem(HIDDEN_KEY) === '1');
  const showGuide = !hidden && (!allDone || wasIncomplete.current);
  const hide = () => {
    localStorage.setItem(HIDDEN_KEY, '1');
    setHidden(true);
  };
  return (
    <div className="page">
      <h1 tabIndex={-1}>{t('nav.dashboard')}</h1>
      {showGuide && <SetupFlow steps={steps} onHide={hide} />}
      <GatewayCard />
      <SparklineCard />
      {/* While the guide is open it holds these two; afterwards they stand on their own. */}
      {!showGuide && <ClientsCard />}
      <ApiKeysCard />
      <SnippetsCard />
      {!showGuide && <TestCard />}
    </div>
  );
}
