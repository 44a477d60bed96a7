/**
 * Shared fixtures for the tools tests: a small tool set, request builders and a runner that feeds
 * an answer to a fresh parser in any split.
 */
import type { NeutralRequest, ToolChoice, ToolDef } from '../../chat/types';
import { sequentialIdGenerator } from '../ids';
import { ToolCallParser, type ParserEvent, type ParseSummary } from '../tool-call-parser';

export const WEATHER: ToolDef = {
  name: 'get_weather',
  description: 'Current weather for a city.',
  parameters: {
    type: 'object',
    properties: {
      city: { type: 'string' },
      unit: { type: 'string', enum: ['c', 'f'] },
      days: { type: 'integer' },
    },
    required: ['city'],
  },
};

export const SEARCH: ToolDef = {
  name: 'search',
  description: 'Searches the web.',
  parameters: {
    type: 'object',
    properties: { query: { type: 'string' } },
    required: ['query'],
  },
};

export const WRITE_FILE: ToolDef = {
  name: 'write_file',
  parameters: {
    type: 'object',
    properties: { path: { type: 'string' }, content: { type: 'string' } },
    required: ['path', 'content'],
  },
};

export const TOOLS: ToolDef[] = [WEATHER, SEARCH, WRITE_FILE];

/** A request with defaults for everything a test does not care about. */
export function request(partial: Partial<NeutralRequest> = {}): NeutralRequest {
  return {
    protocol: 'openai',
    model: 'qwen',
    system: '',
    messages: [{ role: 'user', text: 'hello' }],
    tools: [],
    toolChoice: { type: 'auto' },
    stream: true,
    includeUsage: false,
    ignoredParams: [],
    ...partial,
  };
}

export interface ParserSetup {
  tools?: ToolDef[];
  choice?: ToolChoice;
  holdInvalid?: boolean;
}

export function newParser(setup: ParserSetup = {}): ToolCallParser {
  return new ToolCallParser({
    tools: setup.tools ?? TOOLS,
    toolChoice: setup.choice ?? { type: 'auto' },
    holdInvalid: setup.holdInvalid,
    newId: sequentialIdGenerator('call_'),
  });
}

/** Adjacent text events merged, so outputs of differently split streams compare equal. */
export function normalize(events: ParserEvent[]): ParserEvent[] {
  const out: ParserEvent[] = [];
  for (const e of events) {
    const last = out[out.length - 1];
    if (e.type === 'text' && last?.type === 'text') last.text += e.text;
    else out.push(e.type === 'text' ? { ...e } : e);
  }
  return out;
}

export interface ParseRun {
  events: ParserEvent[];
  summary: ParseSummary;
  correction: string | null;
}

/** Feeds `chunks` to a fresh parser and ends it. */
export function runChunks(chunks: string[], setup: ParserSetup = {}): ParseRun {
  const parser = newParser(setup);
  const events: ParserEvent[] = [];
  for (const c of chunks) events.push(...parser.push(c));
  events.push(...parser.end());
  return { events: normalize(events), summary: parser.result(), correction: parser.correction() };
}

/** Every way of cutting `text` once, plus one character per chunk. */
export function splits(text: string): string[][] {
  const out: string[][] = [];
  for (let i = 0; i <= text.length; i += 1) out.push([text.slice(0, i), text.slice(i)]);
  out.push([...text]);
  return out;
}
