/** 简体中文目录：与英文目录逐键对应（类型检查保证没有遗漏的键）。 */
import type { Catalogue } from './en';
import { zhAccounts } from './zh-cn/accounts';
import { zhCommon } from './zh-cn/common';
import { zhDashboard } from './zh-cn/dashboard';
import { zhInspector } from './zh-cn/inspector';
import { zhLogs } from './zh-cn/logs';
import { zhSettings } from './zh-cn/settings';
import { zhTray } from './zh-cn/tray';
import { zhUsage } from './zh-cn/usage';

export const zhCN: Catalogue = {
  ...zhCommon,
  ...zhTray,
  ...zhDashboard,
  ...zhAccounts,
  ...zhSettings,
  logs: { ...zhLogs.logs, ...zhInspector.logs },
  ...zhUsage,
};
