/**
 * English: a label and help text for every setting of electron/shared/settings/spec.ts, under its
 * path (`server.port`), and a name for every option. `{{min}}`/`{{max}}` are the field's range.
 */
export const enSettingFields = {
  server: {
    port: {
      label: 'Port',
      help: 'A number from {{min}} to {{max}}. Tools connect to http://127.0.0.1:<port>/v1.',
    },
    host: {
      label: 'Listen address',
      help: '127.0.0.1 means only this computer can connect.',
    },
    allowLan: {
      label: 'Allow other computers on the network',
      help: 'Needed for any address other than 127.0.0.1. Turn it on only on networks you trust: anyone with a key can use your Lingma accounts.',
    },
    allowedOrigins: {
      label: 'Web pages allowed to call the gateway',
      help: 'One origin per line, such as http://localhost:3000. Leave empty unless a web app in a browser needs access.',
    },
    maxBodyBytes: {
      label: 'Largest request (bytes)',
      help: 'From {{min}} to {{max}} bytes. A larger request is refused with an error the tool understands.',
    },
    keepAliveMs: {
      label: 'Keep-alive while streaming (ms)',
      help: 'A quiet stream gets a comment line this often, so proxies do not close it. 0 turns it off; at most {{max}}.',
    },
    firstEventTimeoutMs: {
      label: 'Wait for the first answer (ms)',
      help: 'A request that shows nothing for this long is stopped and answered with a timeout error. 0 waits for ever; at most {{max}}.',
    },
    idleTimeoutMs: {
      label: 'Silence allowed in an answer (ms)',
      help: 'An answer that stops for this long is ended with a timeout error. 0 waits for ever; at most {{max}}.',
    },
    maxConnections: {
      label: 'Open connections',
      help: 'From {{min}} to {{max}}. Beyond this, idle connections without a key are closed first.',
    },
  },
  app: {
    startGatewayOnLaunch: {
      label: 'Start the gateway when the app starts',
      help: 'Off: the gateway waits until you start it from the tray or the dashboard.',
    },
    autoUpdate: {
      label: 'Update automatically',
      help: 'Looks for a new version now and then and downloads it in the background. The app restarts only when you say so.',
    },
    updateFeedUrl: {
      label: 'Update source',
      help: 'The https address of an update server of your own. Leave empty for the official releases.',
    },
  },
  lingma: {
    binaryPath: {
      label: 'Lingma program',
      help: 'The full path to a Lingma program you already have. Leave empty to find or download one automatically.',
    },
    vsixUrl: {
      label: 'Download source',
      help: 'Where to download the Lingma VS Code extension from (a .vsix address). Leave empty for the VS Code Marketplace; use a mirror if that is slow or blocked.',
    },
    keepWarmWhenStopped: {
      label: 'Keep Lingma running while the gateway is stopped',
      help: 'Starting again is then instant, and logins stay active.',
    },
    flavour: {
      label: 'Kind of Lingma program',
      help: 'Lingma programs from the IDE plugins and from the Lingma desktop app understand different commands. Detection gets it right; choose only to override it.',
      option: {
        auto: 'Detect when it starts',
        cosy: 'From an IDE plugin',
        acp: 'From the Lingma desktop app',
      },
    },
  },
  models: {
    defaultModel: {
      label: 'Default model',
      help: 'Used when a tool asks for a model Lingma does not have (e.g. a GPT or Claude name).',
    },
    askMode: {
      label: 'Lingma mode',
      help: 'Chat answers directly. Agent lets Lingma use its own tools.',
      option: { chat: 'Chat', agent: 'Agent (Lingma’s own tools)' },
    },
    agentSessionType: {
      label: 'Agent session kind',
      help: 'Sent with every request in agent mode; it also decides which model agent mode uses by default.',
      option: { assistant: 'Assistant', developer: 'Developer' },
    },
    aliases: {
      label: 'Model names for your tools',
      help: 'One per line: the name a tool asks for = the Lingma model to use, such as gpt-4o = qwen3-coder.',
    },
    contextBudgetTokens: {
      label: 'Largest prompt sent to Lingma (tokens)',
      help: 'From {{min}} to {{max}}, estimated. Longer conversations keep the instructions, the tools, the first message and the newest turns; a request that cannot fit even then is refused as too long.',
    },
  },
  routing: {
    strategy: {
      label: 'Sharing between accounts',
      help: 'How the next request picks an account.',
      option: {
        'least-busy': 'The least busy account',
        'round-robin': 'Each account in turn',
        'fill-first': 'The first account until it is busy',
      },
    },
    maxInFlight: {
      label: 'Requests at the same time',
      help: 'More wait in line. 0 means no limit; {{max}} at most.',
    },
    maxConcurrentPerInstance: {
      label: 'Requests at once per Lingma process',
      help: 'From {{min}} to {{max}}. Each runs in a session of its own, so one slow answer does not hold up the others.',
    },
    workersPerAccount: {
      label: 'Lingma processes per account',
      help: 'From {{min}} to {{max}}. More answer more requests at once, and use more memory.',
    },
    failoverOnTimeout: {
      label: 'Retry a timed-out request on another account',
      help: 'Off: whatever made one account hang would likely make the next one hang too.',
    },
    queueTimeoutMs: {
      label: 'Longest wait in line (ms)',
      help: 'A request that cannot start within this time is refused with “busy, try again”. 0 refuses at once when everything is busy; at most {{max}}.',
    },
  },
  sessionReuse: {
    enabled: {
      label: 'Continue Lingma sessions',
      help: 'For a continued chat, send only the new messages: faster and lighter on quota.',
    },
    maxEntries: {
      label: 'Sessions remembered',
      help: 'From {{min}} to {{max}}. The least recently used are forgotten first.',
    },
    ttlSeconds: {
      label: 'Remember a session for (seconds)',
      help: 'From {{min}} to {{max}} seconds after its last message.',
    },
  },
  tools: {
    emulation: {
      label: 'Support tool and function calls',
      help: 'Lets clients such as Claude Code and Codex use their tools through Lingma.',
    },
    correctiveRetries: {
      label: 'Retries for a malformed tool call',
      help: 'From {{min}} to {{max}}. Each retry asks the model to correct its call.',
    },
    upstreamApproval: {
      label: 'When Lingma wants to run its own tool',
      help: 'Lingma sometimes asks to run a tool on this computer, as it would in an IDE.',
      option: { deny: 'Refuse (the gateway is not an IDE)', 'auto-approve': 'Allow' },
    },
    pendingTimeoutMs: {
      label: 'Wait for a tool’s result (ms)',
      help: 'From {{min}} to {{max}}. How long a tool Lingma runs may wait for its result before it is given up.',
    },
  },
  logs: {
    retentionDays: {
      label: 'Keep requests for (days)',
      help: 'From {{min}} to {{max}} days.',
    },
    maxTotalMB: {
      label: 'Largest log size (MB)',
      help: 'From {{min}} to {{max}} MB; the oldest requests go first.',
    },
    maxBodyBytes: {
      label: 'Request and answer text kept (bytes)',
      help: 'From {{min}} to {{max}} bytes of each; longer ones are cut. 0 keeps none.',
    },
  },
};
