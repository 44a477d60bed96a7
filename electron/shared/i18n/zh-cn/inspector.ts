import type { enInspector } from '../en/inspector';
import type { Messages } from '../en';

/** 简体中文：单个请求的详情——概要、原因说明、对话、时间瀑布图、原始内容。 */
export const zhInspector: Messages<typeof enInspector> = {
  logs: {
    tab: { conversation: '对话', timing: '耗时', raw: '原始内容' },
    detail: {
      label: '请求详情',
      gone: '此请求已不在记录中。',
      inProgress: '进行中',
      timing: '耗时',
      timingValue: '首字节在 {{ttfb}} 后到达 · 共 {{total}}',
      tokens: 'Token 数（估算）',
      tokensValue: '输入 {{in}} · 输出 {{out}}',
      upstreamValue_one: '{{count}} 次提问共 {{bytes}}',
      upstreamValue_other: '{{count}} 次提问共 {{bytes}}',
      repeats_one: '一分钟内同样的请求来了 {{count}} 次。',
      repeats_other: '一分钟内同样的请求来了 {{count}} 次。',
      copyCurl: '复制为 curl 命令',
      lingmaTools: 'Lingma 自己的工具',
      approved: '已批准',
      refused: '已拒绝',
      resultSent: '已发送结果',
      errorSent: '已发送错误',
      request: '请求',
      response: '响应',
    },
    conv: {
      role: { system: '系统', user: '用户', assistant: '助手', tool: '工具结果' },
      answer: '得到的回答',
      reasoning: '推理过程',
      calls: '调用',
      toolResult: '结果',
      toolError: '结果（出错）',
      chars_one: '{{count}} 个字符',
      chars_other: '{{count}} 个字符',
      image: '附带一张图片',
      file: '附带一个文件',
      empty: '这个请求没有可显示的消息。',
      refused: '这个请求由网关自己应答，没有发给 Lingma。',
      cutRequest: '请求太大，未能完整保存；“原始内容”页显示保存下来的部分。',
      cutResponse: '回答太大，未能完整保存；“原始内容”页显示保存下来的部分。',
    },
    wf: {
      caption: '请求的各阶段耗时，共 {{total}}',
      phase: '阶段',
      start: '开始于',
      duration: '用时',
      none: '没有计时：这个请求由网关自己应答。',
      queue: '等待空闲账号',
      wait: '等待 Lingma 的第一个事件',
      answer: 'Lingma 作答',
      client: '向客户端流式发送',
      tool: '工具 {{name}}',
      call: '向客户端发出工具调用 {{name}}',
      firstByte: '首字节于 {{at}}',
      after: '{{ms}} 之后',
    },
    raw: {
      show: '显示',
      entry: '完整记录',
      search: '在原始内容中搜索',
      matches_one: '{{count}} 处匹配',
      matches_other: '{{count}} 处匹配',
      copy: '复制',
      label: '原始内容',
      nothing: '这里没有记录任何内容。',
    },
    explain: {
      no_key: {
        what: '请求没有带 API 密钥，网关拒绝了它。',
        todo: '在工具的设置里填入网关密钥（“Authorization: Bearer …”，Anthropic 客户端用“x-api-key”）。可在概览页复制一个。',
      },
      wrong_key: {
        what: 'API 密钥错误：密钥以 {{hint}} 开头，本网关没有这个密钥。',
        todo: '从概览页复制一个当前有效的密钥，填入工具的设置；旧密钥可能已被撤销，或属于另一台电脑。',
      },
      token: {
        what: '管理或监控令牌错误或缺失。',
        todo: '把网关设置中的令牌作为“Authorization: Bearer …”发送。',
      },
      host: {
        what: '请求中的主机名不是本机，已被拒绝（防范 DNS 重绑定攻击）。',
        todo: '让工具指向 http://127.0.0.1 和网关的端口。若要让其他电脑访问，请在设置中允许局域网访问。',
      },
      origin: {
        what: '浏览器中的网页调用了网关，而它的来源不在允许之列。',
        todo: '如果你信任这个网页，请在设置中把它的来源加入允许列表。',
      },
      invalid_json: {
        what: '请求体不是合法的 JSON。',
        todo: '检查工具或脚本是否以“Content-Type: application/json”发送 JSON 请求体。',
      },
      validation: {
        what: '对这个接口而言请求无效：{{message}}',
        todo: '对照该接口的文档检查请求；“原始内容”页显示实际发送的内容。',
      },
      too_large: {
        what: '请求体超过了网关接受的大小。',
        todo: '少发一些内容，或在“设置 → 服务”中调大请求体上限。',
      },
      media: {
        what: '请求体使用了网关无法读取的编码或字符集：{{message}}',
        todo: '以 UTF-8 发送请求体，不压缩或使用 gzip、deflate、br 压缩。',
      },
      not_found: {
        what: '网关没有 {{endpoint}} 这个路由。',
        todo: '检查工具中的基础地址：OpenAI 客户端使用以 /v1 结尾的地址，Anthropic 客户端（Claude Code）使用不带 /v1 的地址。',
      },
      method: {
        what: '路由存在，但不支持这个 HTTP 方法（{{endpoint}}）。',
        todo: '检查工具选择的接口类型：它可能在调用另一种接口的路由。',
      },
      rate: {
        what: '同时请求太多：网关的队列已满或等待超时。',
        todo: '稍后重试，或在“设置 → 路由”中调高上限。',
      },
      disabled: {
        what: '这个端点没有设置令牌，因此处于关闭状态。',
        todo: '在网关设置中设置管理或监控令牌后即可使用。',
      },
      quota: {
        what: '这个 Lingma 账号的额度已用完。',
        todo: '等待额度重置（若 Lingma 告知了时间，账号页会显示），或添加另一个账号。',
      },
      rateLimited: {
        what: 'Lingma 对这个账号限流：{{message}}',
        todo: '稍后重试；有多个账号时网关会改用其他账号。',
      },
      timeout: {
        what: 'Lingma 没有及时应答：{{message}}',
        todo: '请重试。如果只是回答慢而不是卡住，可在“设置 → 服务”中调大超时时间。',
      },
      noAccount: {
        what: '没有可以接这个请求的 Lingma 账号：{{message}}',
        todo: '在账号页登录一个账号，或等待账号恢复。',
      },
      upstream: {
        what: 'Lingma 未能应答：{{message}}',
        todo: '请重试。如果一直失败，请到账号页检查这个账号。',
      },
      clientClosed: {
        what: '回答完成之前，客户端关闭了连接。',
        todo: '通常是有人在工具里停止了请求，无需处理。',
      },
      interrupted: {
        what: '请求被中断：{{message}}',
        todo: '请求进行时网关停止或过载了；请重新发送。',
      },
      internal: {
        what: '网关自身出错：{{message}}',
        todo: '请导出这条记录并报告问题。',
      },
      other: {
        what: '请求失败（状态 {{status}}）：{{message}}',
        todo: '“原始内容”页显示请求及其得到的回答。',
      },
    },
  },
};
