/** English: the Settings page — groups, fields with help text, errors and warnings. */
import { enSettingFields } from './setting-fields';

export const enSettings = {
  settings: {
    save: 'Save settings',
    discard: 'Discard changes',
    unsaved_one: '{{count}} unsaved change',
    unsaved_other: '{{count}} unsaved changes',
    saved: 'Saved.',
    /** How a change takes effect (settings/rules.ts ApplyMode); follows a field's help text. */
    apply: {
      listener: ' Takes effect when the gateway restarts.',
      children:
        ' Takes effect for Lingma processes started afterwards (switch an account off and on, or restart the app).',
      'new-accounts': ' Applies to accounts added from now on.',
      'app-restart': ' Takes effect when the app restarts.',
    },
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
      badFeedUrl: 'Enter an address starting with https://, or leave it empty.',
      badAlias: 'Write each line as name = model, such as gpt-4o = qwen3-coder.',
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
      limits: {
        title: 'Limits and timeouts',
        help: 'When a request is too big, waits too long or goes quiet. The defaults suit almost everyone.',
      },
      logs: {
        title: 'Request log',
        help: 'How much request history is kept on this computer.',
      },
      updates: {
        title: 'App updates',
        help: 'How Lingma Gateway itself stays up to date.',
      },
    },
    field: enSettingFields,
  },
};
