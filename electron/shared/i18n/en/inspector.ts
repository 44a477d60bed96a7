/** English: one request in detail — facts, explanation, conversation, waterfall, raw view. */
export const enInspector = {
  logs: {
    tab: { conversation: 'Conversation', timing: 'Timing', raw: 'Raw' },
    detail: {
      label: 'Request detail',
      gone: 'This request is no longer in the log.',
      inProgress: 'running',
      timing: 'Timing',
      timingValue: 'first byte after {{ttfb}} · {{total}} in all',
      tokens: 'Tokens (estimated)',
      tokensValue: '{{in}} in · {{out}} out',
      upstreamValue_one: '{{bytes}} in {{count}} ask',
      upstreamValue_other: '{{bytes}} in {{count}} asks',
      repeats_one: 'The same request came {{count}} time within a minute.',
      repeats_other: 'The same request came {{count}} times within a minute.',
      copyCurl: 'Copy as curl',
      lingmaTools: 'Lingma’s own tools',
      approved: 'approved',
      refused: 'refused',
      resultSent: 'result sent',
      errorSent: 'error sent',
      request: 'Request',
      response: 'Response',
    },
    conv: {
      role: { system: 'System', user: 'User', assistant: 'Assistant', tool: 'Tool result' },
      answer: 'the answer it got',
      reasoning: 'Reasoning',
      calls: 'Calls',
      toolResult: 'Result',
      toolError: 'Result (error)',
      chars_one: '{{count}} character',
      chars_other: '{{count}} characters',
      image: 'Image attached',
      file: 'File attached',
      empty: 'No messages to show for this request.',
      refused: 'The gateway answered this request itself; nothing was sent to Lingma.',
      cutRequest:
        'The request was too large to keep whole; the Raw tab shows the part that was kept.',
      cutResponse:
        'The answer was too large to keep whole; the Raw tab shows the part that was kept.',
    },
    wf: {
      caption: 'Timing of the request, {{total}} in all',
      phase: 'Phase',
      start: 'Starts at',
      duration: 'Took',
      none: 'Nothing was timed: the gateway answered this request itself.',
      queue: 'Waiting for a free account',
      wait: 'Waiting for Lingma’s first event',
      answer: 'Lingma answering',
      client: 'Streaming to the client',
      tool: 'Tool {{name}}',
      call: 'Tool call {{name}} to the client',
      firstByte: 'first byte at {{at}}',
      after: '{{ms}} later',
    },
    raw: {
      show: 'Show',
      entry: 'Whole log entry',
      search: 'Search in the raw text',
      matches_one: '{{count}} match',
      matches_other: '{{count}} matches',
      copy: 'Copy',
      label: 'Raw text',
      nothing: 'Nothing was recorded here.',
    },
    explain: {
      no_key: {
        what: 'No API key was sent, so the gateway refused the request.',
        todo: 'Put a gateway key into the tool’s settings (“Authorization: Bearer …”, or “x-api-key” for Anthropic clients). Copy one from the dashboard.',
      },
      wrong_key: {
        what: 'Wrong API key: the key starts with {{hint}}, and this gateway has no such key.',
        todo: 'Copy a current key from the dashboard into the tool’s settings; the old key may have been revoked or belong to another machine.',
      },
      token: {
        what: 'Wrong or missing admin or metrics token.',
        todo: 'Send the token from the gateway’s settings as “Authorization: Bearer …”.',
      },
      host: {
        what: 'The request named a host that is not this computer, so it was refused (protection against DNS rebinding).',
        todo: 'Point the tool at http://127.0.0.1 with the gateway’s port. To reach the gateway from other machines, allow LAN access in Settings.',
      },
      origin: {
        what: 'A web page in a browser called the gateway, and its origin is not allowed.',
        todo: 'If you trust that page, add its origin to the allowed origins in Settings.',
      },
      invalid_json: {
        what: 'The request body is not valid JSON.',
        todo: 'Check that the tool or script sends a JSON body with “Content-Type: application/json”.',
      },
      validation: {
        what: 'The request is not valid for this API: {{message}}',
        todo: 'Compare the request with the API’s documentation; the Raw tab shows exactly what was sent.',
      },
      too_large: {
        what: 'The request body is larger than the gateway accepts.',
        todo: 'Send less, or raise the largest request body in Settings → Server.',
      },
      media: {
        what: 'The body uses an encoding or character set the gateway does not read: {{message}}',
        todo: 'Send the body as UTF-8, uncompressed or with gzip, deflate or br.',
      },
      not_found: {
        what: 'The gateway has no route {{endpoint}}.',
        todo: 'Check the base URL in the tool: OpenAI clients use the address ending in /v1, Anthropic clients (Claude Code) the address without /v1.',
      },
      method: {
        what: 'The route exists but not for this HTTP method ({{endpoint}}).',
        todo: 'Check the tool’s API type: it may be calling another API’s route.',
      },
      rate: {
        what: 'Too many requests at once: the gateway’s queue was full or the wait ran out.',
        todo: 'Retry in a moment, or raise the limits in Settings → Routing.',
      },
      disabled: {
        what: 'This endpoint is off because no token is set for it.',
        todo: 'Set an admin or metrics token in the gateway’s settings to use it.',
      },
      quota: {
        what: 'The Lingma account’s quota is used up.',
        todo: 'Wait until the quota resets (the Accounts page says when, if Lingma told), or add another account.',
      },
      rateLimited: {
        what: 'Lingma limited the account’s rate: {{message}}',
        todo: 'Retry in a moment; with several accounts the gateway moves on to another.',
      },
      timeout: {
        what: 'Lingma did not answer in time: {{message}}',
        todo: 'Retry. If answers are slow rather than stuck, raise the timeouts in Settings → Server.',
      },
      noAccount: {
        what: 'No Lingma account could take the request: {{message}}',
        todo: 'Log an account in on the Accounts page, or wait for one to recover.',
      },
      upstream: {
        what: 'Lingma failed to answer: {{message}}',
        todo: 'Retry. If it keeps failing, check the account on the Accounts page.',
      },
      clientClosed: {
        what: 'The client closed the connection before the answer was complete.',
        todo: 'Usually someone stopped the request in the tool; nothing to fix.',
      },
      interrupted: {
        what: 'The request was cut off: {{message}}',
        todo: 'The gateway stopped or was overloaded while it ran; send it again.',
      },
      internal: {
        what: 'The gateway itself failed: {{message}}',
        todo: 'Please report it with this entry (Export).',
      },
      other: {
        what: 'The request failed (status {{status}}): {{message}}',
        todo: 'The Raw tab shows the request and the answer it got.',
      },
    },
  },
};
