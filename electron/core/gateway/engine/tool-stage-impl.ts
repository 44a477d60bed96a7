import {
  createFormatChecker,
  createIdGenerator,
  createToolCallParser,
  createUpstreamBridge,
  renderFollowUp,
  renderPrompt,
} from '../../tools';
import type { PromptRenderer, ToolStageFactory } from './tool-stage';

/** The engine's seams, backed by core/tools. */
export const toolPrompts = (maxChars?: number): PromptRenderer => ({
  full: (req) => renderPrompt(req, { maxChars }),
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
};
