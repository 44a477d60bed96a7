export const USAGE = `Lingma Gateway (headless)

Usage: lingma-gateway <command> [options]

Commands:
  serve                         Run the gateway (Ctrl-C to stop)
  status                        Show the gateway, accounts and keys
  accounts list                 List accounts
  accounts add <name>           Add an account (then: login <name>)
  accounts remove <name> [--delete-data]
  login <name> [--timeout 600]  Print the login URL and wait until the login completes
  login <name> --paste          Log in from another machine: open the URL anywhere, then paste
                                the http://127.0.0.1:…/auth/callback address the browser could
                                not open
  logout <name>
  bundle export <name> --out <file>    Export the login, encrypted with a passphrase
  bundle import <name> --in <file>     Import a login into an account that is not logged in
  keys list | keys create <name> | keys reveal <id> | keys revoke <id>

Options:
  --data-dir <dir>   Where settings, secrets, accounts and logs live
                     (default: $LINGMA_GATEWAY_HOME or ~/.lingma-gateway)
  --port <n> --host <addr>   Override the listen address for this run
  --json             Machine-readable output

Passphrases for bundles come from $LINGMA_BUNDLE_PASSPHRASE, or are read from standard input.
Environment variables of the predecessor (API_KEYS, PORT, HOST, LINGMA_BIN, LINGMA_ACCOUNTS,
GATEWAY_MAX_IN_FLIGHT, SESSION_REUSE_ENABLED, ADMIN_TOKEN, METRICS_TOKEN, …) are honoured.
`;
