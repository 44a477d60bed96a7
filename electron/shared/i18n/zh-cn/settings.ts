import type { enSettings } from '../en/settings';
import type { Messages } from '../en';
import { zhSettingFields } from './setting-fields';

/** 简体中文：设置页——分组、带说明的字段、错误与警告。 */
export const zhSettings: Messages<typeof enSettings> = {
  settings: {
    save: '保存设置',
    discard: '放弃修改',
    unsaved_one: '{{count}} 项未保存的修改',
    unsaved_other: '{{count}} 项未保存的修改',
    saved: '已保存。',
    apply: {
      listener: '网关重启后生效。',
      children: '对之后启动的 Lingma 进程生效（将账号关闭再开启，或重启应用）。',
      'new-accounts': '对今后添加的账号生效。',
      'app-restart': '应用重启后生效。',
    },
    restartNeeded: '网关仍在旧地址上监听。重启网关以使用新地址（端口 {{port}}）。',
    restartGateway: '重启网关',
    restarted: '已重启：网关现在监听 {{url}}。',
    changedElsewhere: '设置已在别处被修改（{{fields}}）。你尚未保存的修改已保留。',
    takeTheirs: '放弃我的修改并显示新值',
    lingmaDefaultModel: 'Lingma 自己的默认模型',
    warning: {
      field: '“{{field}}”的值未被接受，已保留原来的值。',
      lanHost:
        '该地址可被其他电脑访问，因此需要开启“允许局域网中的其他电脑访问”。网关目前在 127.0.0.1 上监听。',
      other: '有一项设置被调整：{{detail}}',
    },
    error: {
      empty: '请输入一个值。',
      notInteger: '请输入整数。',
      tooSmall: '请输入不小于 {{min}} 的数。',
      tooBig: '请输入不大于 {{max}} 的数。',
      badHost: '请输入 IP 地址或主机名，例如 127.0.0.1。',
      badUrl: '请输入以 http:// 或 https:// 开头的网址，或留空。',
      badOrigin: '每行必须是一个来源，例如 http://localhost:3000（不含路径）。',
      badFeedUrl: '请输入以 https:// 开头的地址，或留空。',
      badAlias: '每行写成“名称 = 模型”，例如 gpt-4o = qwen3-coder。',
    },
    language: {
      label: '语言',
      help: '用于本窗口、托盘菜单和系统通知。',
      option: {
        system: '跟随系统',
        en: 'English',
        'zh-CN': '简体中文',
      },
    },
    launch: {
      label: '登录这台电脑时自动启动 Lingma Gateway',
      help: '使用系统的登录项。',
      xdgOn: '已添加自动启动项：{{path}}。',
      xdgOff: '开启后会添加一个自动启动项（{{path}}）。',
      stale: '该启动项会启动另一份应用；请关闭再开启，让它指向当前应用。',
      unsupported: '网关不知道在此系统上如何开机启动应用。',
    },
    group: {
      app: {
        title: '本机',
        help: '这些设置立即生效。',
      },
      connection: {
        title: '连接',
        help: '工具通过这里访问网关。修改地址后，需要更新使用它的工具（一键配置可以代劳）。',
      },
      lingma: {
        title: 'Lingma 程序',
        help: '用哪个 Lingma 程序运行你的账号，以及本机没有时从哪里下载。',
      },
      routing: {
        title: '模型与分配',
        help: '由哪个模型回答，以及请求如何在账号之间分配。',
      },
      tools: {
        title: '工具调用',
        help: '如何处理客户端定义的工具和函数（Lingma 本身不支持函数调用）。',
      },
      limits: {
        title: '限制与超时',
        help: '请求过大、等待过久或中途停顿时如何处理。默认值适合绝大多数人。',
      },
      logs: {
        title: '请求记录',
        help: '在本机保留多少请求历史。',
      },
      updates: {
        title: '应用更新',
        help: 'Lingma Gateway 本身如何保持最新。',
      },
    },
    field: zhSettingFields,
  },
};
