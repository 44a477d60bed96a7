/**
 * core/tools as the chat core's seams (chat/tool-seams.ts): the composition root hands these to
 * the engine, so the dependency runs tools → chat only.
 */
import type { PromptRenderer, ToolStageFactory } from '../chat/tool-seams';
import { createIdGenerator } from './ids';
import { ToolCallMarkupFilter } from './markup-filter';
import { renderFollowUp, renderPromptDetailed } from './prompt';
import { RetryTextFilter } from './retry-text';
import { createFormatChecker } from './structured-output';
import { createToolCallParser } from './tool-call-parser';
import { createUpstreamBridge } from './upstream-bridge';
import { ToolCallNames } from './upstream-tags';

export const toolPrompts = (): PromptRenderer => ({
  full: (req, budget) =>
    renderPromptDetailed(req, budget ? { maxChars: budget.limit, measure: budget.measure } : {}),
  followUp: (req, newMessages) => renderFollowUp(req, { newMessages }),
});

export const toolStages: ToolStageFactory = {
  clientStage: (req, options) =>
    createToolCallParser(req, {
      holdInvalid: options.holdInvalid,
      newId: createIdGenerator(req.protocol),
    }),
  upstreamBridge: () => createUpstreamBridge(),
  formatChecker: (format) => createFormatChecker(format),
  markupFilter: () => new ToolCallMarkupFilter(),
  retryFilter: (previous, sentBefore) => new RetryTextFilter(previous, sentBefore),
  toolNamer: () => new ToolCallNames(),
};
