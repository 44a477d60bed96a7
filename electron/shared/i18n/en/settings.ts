/** English: the Settings page — groups, fields with help text, errors and warnings. */
export const enSettings = {
  settings: {
    save: 'Save settings',
    discard: 'Discard changes',
    unsaved_one: '{{count}} unsaved change',
    unsaved_other: '{{count}} unsaved changes',
    saved: 'Saved.',
    /** Follows a field's help text (hence the leading space). */
    restartHint: ' Takes effect when the gateway restarts.',
    restartNeeded:
      'The gateway still listens on its old address. Restart it to use the new one (port {{port}}).',
    restartGateway: 'Restart gateway',
    restarted: 'Restarted: the gateway now listens on {{url}}.',
    changedElsewhere: 'Settings were changed elsewhere ({{fields}}). Your unsaved edits are kept.',
    takeTheirs: 'Drop my edits and show the new values',
    lingmaDefaultModel: 'Lingma’s own default',
    warning: {
      field: '“{{field}}” was not accepted; the previous value is kept.',
      lanHost:
        'That address can be reached from other computers, so it needs “Allow other computers on the network”. The gateway listens on 127.0.0.1 for now.',
      other: 'A setting was adjusted: {{detail}}',
    },
    error: {
      empty: 'Enter a value.',
      notInteger: 'Enter a whole number.',
      tooSmall: 'Enter {{min}} or more.',
      tooBig: 'Enter {{max}} or less.',
      badHost: 'Enter an IP address or host name, such as 127.0.0.1.',
      badUrl: 'Enter a web address starting with http:// or https://, or leave it empty.',
      badOrigin: 'Each line must be an origin such as http://localhost:3000 (no path).',
    },
    language: {
      label: 'Language',
      help: 'For this window, the tray menu and notifications.',
      option: {
        system: 'Same as the system',
        en: 'English',
        'zh-CN': '简体中文',
      },
    },
    launch: {
      label: 'Start Lingma Gateway when I log in to this computer',
      help: 'Uses the system’s login items.',
      xdgOn: 'An autostart entry is in place: {{path}}.',
      xdgOff: 'Turning this on adds an autostart entry ({{path}}).',
      stale: 'The entry starts another copy of the app; turn it off and on to point it here.',
      unsupported: 'This system has no way to start apps at login that the gateway knows of.',
    },
    group: {
      app: {
        title: 'This computer',
        help: 'These apply at once.',
      },
      connection: {
        title: 'Connection',
        help: 'Where tools reach the gateway. Changing the address means updating the tools that use it (one-click setup does that for you).',
      },
      lingma: {
        title: 'Lingma program',
        help: 'Which Lingma program runs your accounts, and where to download it from when there is none.',
      },
      routing: {
        title: 'Models and routing',
        help: 'Which model answers, and how requests are shared between accounts.',
      },
      tools: {
        title: 'Tool calls',
        help: 'How tools and functions defined by your clients are handled (Lingma has no native function calling).',
      },
      logs: {
        title: 'Request log',
        help: 'How much request history is kept on this computer.',
      },
    },
    field: {
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
      },
      app: {
        startGatewayOnLaunch: {
          label: 'Start the gateway when the app starts',
          help: 'Off: the gateway waits until you start it from the tray or the dashboard.',
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
        workersPerAccount: {
          label: 'Lingma processes per account',
          help: 'From {{min}} to {{max}}. More answer more requests at once, and use more memory.',
        },
      },
      sessionReuse: {
        enabled: {
          label: 'Continue Lingma sessions',
          help: 'For a continued chat, send only the new messages: faster and lighter on quota.',
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
      },
    },
  },
};
