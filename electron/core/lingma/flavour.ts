/**
 * The handshake, and with it the binary's flavour (§1, §5). The IDE plugins' binary speaks the
 * Cosy/LSP4J method set (`chat/ask`; ZC live on 2.11.1, PRED in production: H); the one that
 * ships with the Lingma desktop app speaks ACP (`session/new`, `session/prompt`; LTC, TCF,
 * OPENCLI: H). What each does with the other's `initialize` is untested (L), so detection is:
 * the LSP-style initialize first (proven on the binary we spawn); if it is refused, the ACP one;
 * if its answer names neither side (no `serverInfo`, no `protocolVersion`), a `session/new`
 * probe — the notes' own advice ("after initialize, try session/new").
 */
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import { asRecord, parseServerInfo, str } from './client-parsers';
import { LingmaError, type LingmaFlavour } from './types';
import type { Logger } from '../util/logger';

export type FlavourSetting = 'auto' | LingmaFlavour;

type Call = (method: string, params: unknown, timeoutMs?: number) => Promise<unknown>;

export interface Handshake {
  flavour: LingmaFlavour;
  serverName: string;
  serverVersion: string;
}

export interface HandshakeOptions {
  setting: FlavourSetting;
  workspaceDir: string;
  clientInfo: { name: string; version: string };
  logger: Logger;
  now: () => number;
  /** How long the session/new probe may take (it never answers on a quit desktop app, §10). */
  probeTimeoutMs?: number;
}

/** LSP-style params (§5.1): without rootUri the binary logs "workspacePath is empty". */
function lspParams(o: HandshakeOptions): Record<string, unknown> {
  const uri = pathToFileURL(o.workspaceDir).href;
  return {
    processId: null,
    clientInfo: o.clientInfo,
    rootUri: uri,
    workspaceFolders: [{ uri, name: basename(o.workspaceDir) || 'workspace' }],
    capabilities: {},
  };
}

async function acpInitialize(call: Call, o: HandshakeOptions): Promise<Handshake> {
  const r = asRecord(
    await call('initialize', { protocolVersion: 1, clientCapabilities: {}, timestamp: o.now() }),
  );
  const info = asRecord(r.agentInfo ?? r.serverInfo);
  return {
    flavour: 'acp',
    serverName: str(info.name) || 'lingma',
    serverVersion: str(info.version) ?? '',
  };
}

/** Runs `initialize` in the flavour the setting asks for, or detects it (`auto`). */
export async function handshake(call: Call, o: HandshakeOptions): Promise<Handshake> {
  if (o.setting === 'acp') return acpInitialize(call, o);
  let result: unknown;
  try {
    result = await call('initialize', lspParams(o));
  } catch (err) {
    const refused = err instanceof LingmaError && err.code === 'rpc_error';
    if (o.setting === 'cosy' || !refused) throw err;
    o.logger.info('LSP-style initialize refused; trying the ACP flavour', { err });
    return acpInitialize(call, o);
  }
  const r = asRecord(result);
  const cosy = (): Handshake => ({ flavour: 'cosy', ...parseServerInfo(result) });
  if (o.setting === 'cosy' || Object.keys(asRecord(r.serverInfo)).length > 0) return cosy();
  if (r.protocolVersion !== undefined || r.agentCapabilities !== undefined) {
    const info = asRecord(r.agentInfo);
    return {
      flavour: 'acp',
      serverName: str(info.name) || 'lingma',
      serverVersion: str(info.version) ?? '',
    };
  }
  try {
    await call(
      'session/new',
      { cwd: o.workspaceDir, mcpServers: [], _meta: {}, timestamp: o.now() },
      o.probeTimeoutMs ?? 5_000,
    );
    return { flavour: 'acp', serverName: 'lingma', serverVersion: '' };
  } catch {
    return cosy();
  }
}
