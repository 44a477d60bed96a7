import type { enSettingFields } from '../en/setting-fields';
import type { Messages } from '../en';

/** 简体中文：每一项设置的名称与说明（与英文版逐键对应）。 */
export const zhSettingFields: Messages<typeof enSettingFields> = {
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
    maxBodyBytes: {
      label: '单个请求的最大大小（字节）',
      help: '{{min}} 到 {{max}} 字节。更大的请求会被拒绝，并返回工具能理解的错误。',
    },
    keepAliveMs: {
      label: '流式输出时的保活间隔（毫秒）',
      help: '流暂时没有内容时，每隔这么久发送一行注释，避免被代理断开。0 表示关闭；最多 {{max}}。',
    },
    firstEventTimeoutMs: {
      label: '等待首个回答的时间（毫秒）',
      help: '请求在这段时间内没有任何回答，就会被停止并返回超时错误。0 表示一直等待；最多 {{max}}。',
    },
    idleTimeoutMs: {
      label: '回答中允许的停顿（毫秒）',
      help: '回答中途停顿这么久，就会以超时错误结束。0 表示一直等待；最多 {{max}}。',
    },
    maxConnections: {
      label: '同时打开的连接数',
      help: '{{min}} 到 {{max}}。超过后，优先关闭没有密钥的空闲连接。',
    },
  },
  app: {
    startGatewayOnLaunch: {
      label: '应用启动时自动启动网关',
      help: '关闭后，网关会等你从托盘或概览页手动启动。',
    },
    autoUpdate: {
      label: '自动更新',
      help: '不时检查新版本并在后台下载。只有在你同意时才会重启应用。',
    },
    updateFeedUrl: {
      label: '更新来源',
      help: '你自己的更新服务器地址（须以 https:// 开头）。留空则使用官方发布的版本。',
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
    flavour: {
      label: 'Lingma 程序的类型',
      help: '来自 IDE 插件和来自 Lingma 桌面应用的 Lingma 程序理解的命令不同。自动检测通常是对的；只在需要纠正时手动选择。',
      option: {
        auto: '启动时自动检测',
        cosy: '来自 IDE 插件',
        acp: '来自 Lingma 桌面应用',
      },
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
    agentSessionType: {
      label: '智能体会话类型',
      help: '随智能体模式的每个请求发送；它也决定智能体模式默认使用哪个模型。',
      option: { assistant: '助手', developer: '开发者' },
    },
    aliases: {
      label: '给工具用的模型名称',
      help: '每行一条：工具请求的名称 = 要使用的 Lingma 模型，例如 gpt-4o = qwen3-coder。',
    },
    contextBudgetTokens: {
      label: '发给 Lingma 的最大提示长度（词元数）',
      help: '{{min}} 到 {{max}}，按估算计。更长的对话会保留指令、工具、第一条消息和最近的几轮；即便如此也放不下的请求会被拒绝（提示过长）。',
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
    maxConcurrentPerInstance: {
      label: '每个 Lingma 进程同时处理的请求数',
      help: '{{min}} 到 {{max}}。每个请求使用自己的会话，一个回答慢不会拖住其他请求。',
    },
    workersPerAccount: {
      label: '每个账号的 Lingma 进程数',
      help: '{{min}} 到 {{max}}。进程越多，能同时处理的请求越多，占用的内存也越多。',
    },
    failoverOnTimeout: {
      label: '超时的请求换一个账号重试',
      help: '默认关闭：让一个账号卡住的原因，很可能也会让下一个账号卡住。',
    },
    queueTimeoutMs: {
      label: '排队的最长时间（毫秒）',
      help: '在这段时间内无法开始的请求会被拒绝，并提示“繁忙，请重试”。0 表示全部繁忙时立即拒绝；最多 {{max}}。',
    },
  },
  sessionReuse: {
    enabled: {
      label: '延续 Lingma 会话',
      help: '对于继续进行的对话，只发送新消息：更快，也更节省额度。',
    },
    maxEntries: {
      label: '记住的会话数',
      help: '{{min}} 到 {{max}}。最久未使用的会话最先被忘记。',
    },
    ttlSeconds: {
      label: '会话保留时间（秒）',
      help: '最后一条消息之后 {{min}} 到 {{max}} 秒。',
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
    pendingTimeoutMs: {
      label: '等待工具结果的时间（毫秒）',
      help: '{{min}} 到 {{max}}。Lingma 运行的工具超过这段时间仍无结果，就会被放弃。',
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
    maxBodyBytes: {
      label: '保留的请求与回答文本（字节）',
      help: '每项保留 {{min}} 到 {{max}} 字节；更长的会被截断。0 表示不保留。',
    },
  },
};
