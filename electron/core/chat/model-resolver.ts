import { defaultModel } from '../lingma/default-model';
import type { LingmaModel } from '../lingma/types';

/** Client model names that switch Lingma into its own agent mode (the predecessor's rule). */
const AGENT_ALIASES = new Set(['agent', 'lingma-agent']);

export interface ResolvedModel {
  /** Lingma model key sent upstream ('' = let Lingma pick its default). */
  key: string;
  /**
   * Name reported back to the client in every response and chunk: the name it asked for, as
   * clients compare it with their own (Claude Code, the AI SDK); the Lingma key goes in the
   * `x-lingma-model` header and the request log.
   */
  reported: string;
  mode: 'chat' | 'agent';
  isReasoning: boolean;
  /** How the name was resolved, for the request log. */
  via: 'exact' | 'alias' | 'agent' | 'default';
}

export interface ModelResolverOptions {
  /** Settings: Lingma key used when the client's name is unknown ('' = Lingma's own default). */
  defaultModel: string;
  /** Settings: client name → Lingma key, e.g. { "claude-sonnet-4-5": "dashscope_qwen3_coder" }. */
  aliases: Record<string, string>;
  askMode: 'chat' | 'agent';
  /** Agent turns' sessionType, i.e. the model scene they pick their default from. */
  agentSessionType?: 'assistant' | 'developer';
}

/**
 * Maps whatever name a client sends onto a Lingma model. Tools such as Claude Code send their own
 * vendor's names (`claude-…`, `gpt-…`); those fall back to the default model instead of failing,
 * so users do not have to reconfigure every tool.
 */
export function resolveModel(
  requested: string,
  models: LingmaModel[],
  options: ModelResolverOptions,
): ResolvedModel {
  const name = requested.trim();
  const lower = name.toLowerCase();
  const pick = (m: LingmaModel | undefined, via: ResolvedModel['via'], mode = options.askMode) => ({
    key: m?.key ?? '',
    reported: name || m?.key || 'lingma',
    mode,
    isReasoning: m?.isReasoning ?? false,
    via,
  });

  // No isDefault in real lists (§7): the configured key, else the head of the turn's scene.
  const fallback = (mode: 'chat' | 'agent'): LingmaModel | undefined =>
    defaultModel(models, {
      configured: options.defaultModel,
      scene: mode === 'agent' ? (options.agentSessionType ?? 'assistant') : 'chat',
    });
  if (AGENT_ALIASES.has(lower)) {
    return { ...pick(fallback('agent'), 'agent', 'agent') };
  }
  const exact =
    models.find((m) => m.key === name) ?? models.find((m) => m.key.toLowerCase() === lower);
  if (exact) return pick(exact, 'exact');
  const aliasTarget = options.aliases[name] ?? options.aliases[lower];
  if (aliasTarget) {
    const m = models.find((x) => x.key === aliasTarget);
    if (m) return pick(m, 'alias');
  }
  return pick(fallback(options.askMode), 'default');
}

/** The Lingma model a request runs on, for the log and the `x-lingma-model` header. */
export function lingmaModelName(model: ResolvedModel): string {
  return model.key || 'default';
}
