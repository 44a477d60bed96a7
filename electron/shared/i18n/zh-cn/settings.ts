import type { enSettings } from '../en/settings';
import type { Messages } from '../en';

/** 简体中文：设置页——分组、带说明的字段、错误与警告。 */
export const zhSettings: Messages<typeof enSettings> = {
  settings: {
    save: '保存设置',
    discard: '放弃修改',
    unsaved_one: '{{count}} 项未保存的修改',
    unsaved_other: '{{count}} 项未保存的修改',
    saved: '已保存。',
    restartHint: '网关重启后生效。',
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
      logs: {
        title: '请求记录',
        help: '在本机保留多少请求历史。',
      },
    },
    field: {
      server: {
        port: {
          label: '端口',
          help: '{{min}} 到 {{max}} 之间的数字。工具连接 http://127.0.0.1:<端口>/v1。',
        },
        host: {
          label: '监听地址',
          help: '127.0.0.1 表示只有这台电脑可以连接。',
        },
        allowLan: {
          label: '允许局域网中的其他电脑访问',
          help: '使用 127.0.0.1 以外的地址时需要开启。只在可信的网络中开启：任何持有密钥的人都能使用你的 Lingma 账号。',
        },
        allowedOrigins: {
          label: '允许调用网关的网页',
          help: '每行一个来源，例如 http://localhost:3000。除非有浏览器中的网页应用需要访问，否则请留空。',
        },
      },
      app: {
        startGatewayOnLaunch: {
          label: '应用启动时自动启动网关',
          help: '关闭后，网关会等你从托盘或概览页手动启动。',
        },
      },
      lingma: {
        binaryPath: {
          label: 'Lingma 程序',
          help: '你已有的 Lingma 程序的完整路径。留空则自动查找或下载。',
        },
        vsixUrl: {
          label: '下载来源',
          help: '从哪里下载 Lingma 的 VS Code 扩展（.vsix 网址）。留空则使用 VS Code 扩展市场；如果它很慢或无法访问，可填写镜像地址。',
        },
        keepWarmWhenStopped: {
          label: '网关停止时保持 Lingma 运行',
          help: '这样重新启动几乎是瞬间完成，登录状态也会保留。',
        },
      },
      models: {
        defaultModel: {
          label: '默认模型',
          help: '当工具请求 Lingma 没有的模型时使用（例如 GPT 或 Claude 的模型名）。',
        },
        askMode: {
          label: 'Lingma 模式',
          help: '问答模式直接回答；智能体模式允许 Lingma 使用它自己的工具。',
          option: { chat: '问答', agent: '智能体（Lingma 自己的工具）' },
        },
      },
      routing: {
        strategy: {
          label: '账号之间的分配方式',
          help: '下一个请求如何选择账号。',
          option: {
            'least-busy': '最空闲的账号',
            'round-robin': '各账号轮流',
            'fill-first': '先用第一个账号，直到它忙不过来',
          },
        },
        maxInFlight: {
          label: '同时处理的请求数',
          help: '超出的请求会排队。0 表示不限制；最多 {{max}}。',
        },
        workersPerAccount: {
          label: '每个账号的 Lingma 进程数',
          help: '{{min}} 到 {{max}}。进程越多，能同时处理的请求越多，占用的内存也越多。',
        },
      },
      sessionReuse: {
        enabled: {
          label: '延续 Lingma 会话',
          help: '对于继续进行的对话，只发送新消息：更快，也更节省额度。',
        },
      },
      tools: {
        emulation: {
          label: '支持工具和函数调用',
          help: '让 Claude Code、Codex 等客户端通过 Lingma 使用它们的工具。',
        },
        correctiveRetries: {
          label: '工具调用格式错误时的重试次数',
          help: '{{min}} 到 {{max}}。每次重试都会请模型修正它的调用。',
        },
        upstreamApproval: {
          label: '当 Lingma 想运行它自己的工具时',
          help: 'Lingma 有时会像在 IDE 中那样，请求在这台电脑上运行工具。',
          option: { deny: '拒绝（网关不是 IDE）', 'auto-approve': '允许' },
        },
      },
      logs: {
        retentionDays: {
          label: '请求保留天数',
          help: '{{min}} 到 {{max}} 天。',
        },
        maxTotalMB: {
          label: '记录的最大体积（MB）',
          help: '{{min}} 到 {{max}} MB；最早的请求最先删除。',
        },
      },
    },
  },
};
