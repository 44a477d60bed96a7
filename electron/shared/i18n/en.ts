/** The English catalogue: the source every other language mirrors key for key. */
import { enAccounts } from './en/accounts';
import { enCommon } from './en/common';
import { enDashboard } from './en/dashboard';
import { enInspector } from './en/inspector';
import { enLogs } from './en/logs';
import { enSettings } from './en/settings';
import { enTray } from './en/tray';
import { enUsage } from './en/usage';

export const en = {
  ...enCommon,
  ...enTray,
  ...enDashboard,
  ...enAccounts,
  ...enSettings,
  // The Requests page and one request's detail share the `logs` namespace.
  logs: { ...enLogs.logs, ...enInspector.logs },
  ...enUsage,
};

/** A catalogue with the same keys as English, every leaf a string. */
export type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> };
export type Catalogue = Messages<typeof en>;
