import { throwIfAborted, TurnAborted } from './async-util.js';
import {
  defaultAnswer,
  defaultThink,
  lastLine,
  renderTemplate,
  titleFor,
  type TextVars,
} from './answer-text.js';
import type { SimContext } from './context.js';
import { isRecord } from './rpc-types.js';
import type { SimRule } from './scenario-types.js';
import { runToolInvoke, runToolSync, type EmitText, type ToolStepEnv } from './tool-steps.js';
import type { ActiveTurn } from './turn-registry.js';
import { TurnStream, type StreamSettings } from './turn-stream.js';

/** statusCode of a turn ended by chat/stop (any non-200 code means "not a normal finish"). */
export const STOPPED_STATUS = 499;

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function settingsFor(ctx: SimContext, rule: SimRule | undefined): StreamSettings {
  const f = ctx.faults;
  const r = rule?.faults ?? {};
  return {
    deltaIntervalMs: r.deltaIntervalMs ?? f.deltaIntervalMs,
    deltaSize: Math.max(1, r.deltaSize ?? f.deltaSize),
    exitAfterDeltas: r.exitAfterDeltas ?? f.exitAfterDeltas,
    hangAfterDeltas: r.hangAfterDeltas ?? f.hangAfterDeltas,
    malformedFrame: r.malformedFrame ?? f.malformedFrame,
    firstDeltaDelayMs: r.firstDeltaDelayMs,
  };
}

/** `extra.modelConfig.key`, or the default model; unknown keys fall back to the default too. */
function modelFor(ctx: SimContext, extra: Record<string, unknown>): string {
  const key = isRecord(extra.modelConfig) ? str(extra.modelConfig.key) : '';
  if (key === '') return ctx.catalog.defaultKey();
  if (ctx.catalog.find(key)) return key;
  ctx.log.warn(`unknown model key ${key}, using ${ctx.catalog.defaultKey()}`);
  return ctx.catalog.defaultKey();
}

/** Streams the rule's answer, chunks and steps in order (or the default answer). */
async function streamBody(
  env: ToolStepEnv,
  rule: SimRule | undefined,
  vars: TextVars,
): Promise<void> {
  const render = (t: string): string => renderTemplate(t, vars);
  const scripted =
    rule !== undefined &&
    (rule.answer !== undefined || rule.chunks !== undefined || rule.steps !== undefined);
  const failing = (rule?.finish?.statusCode ?? 200) !== 200;
  if (!scripted) {
    if (!failing) await env.emit(defaultAnswer(vars));
    return;
  }
  if (rule.answer !== undefined) await env.emit(render(rule.answer));
  if (rule.chunks !== undefined) {
    const chunks = rule.chunks.map(render);
    if (env.ctx.faults.lagging) await env.emit(chunks.join(''));
    else await env.stream.chunks(chunks);
  }
  let index = 0;
  for (const step of rule.steps ?? []) {
    index += 1;
    const id = (given: string | undefined): string =>
      given ?? `sim_${index}_${env.turn.requestId.slice(0, 8)}`;
    if ('say' in step) await env.emit(render(step.say));
    else if ('tool' in step) await runToolSync(env, step.tool, id(step.tool.toolCallId));
    else await runToolInvoke(env, step.invoke, id(step.invoke.toolCallId));
  }
}

/**
 * One chat turn, pushed in the order seen live: step_start, title, think, answer deltas (with
 * tool events), step_end, finish. Logged out or out of quota ends early with a non-200 finish.
 */
export async function runTurn(ctx: SimContext, turn: ActiveTurn): Promise<void> {
  const p = turn.params;
  const question = str(p.questionText);
  const extra = isRecord(p.extra) ? p.extra : {};
  const isReply = p.isReply === true || p.chatTask === 'REPLY_TASK';
  const choice = ctx.sessions.choose(str(p.sessionId), isReply);
  if (choice.unknownReplyTo !== undefined) {
    ctx.log.warn(`reply to unknown session ${choice.unknownReplyTo}, starting a new session`);
  }
  const session = choice.session;
  turn.sessionId = session.sessionId;
  const model = modelFor(ctx, extra);
  const rule = ctx.scenario.match(question);
  const record = {
    requestId: turn.requestId,
    question,
    answer: '',
    modelKey: model,
    createdAt: Date.now(),
  };
  session.records.push(record);
  session.updatedAt = record.createdAt;
  const vars: TextVars = {
    model,
    turn: session.records.length,
    question: lastLine(question),
    sessionId: session.sessionId,
  };
  const stream = new TurnStream(
    ctx,
    turn,
    settingsFor(ctx, rule),
    str(extra.sessionType) || str(p.sessionType) || 'chat',
  );
  let collected = '';
  const lagging = ctx.faults.lagging;
  const emit: EmitText = lagging ? async (t) => void (collected += t) : (t) => stream.text(t);
  try {
    throwIfAborted(stream.signal);
    stream.step('step_start', 'doing');
    if (choice.isNew) {
      session.title =
        rule?.title !== undefined ? renderTemplate(rule.title, vars) : titleFor(question);
      stream.title(session.title);
    }
    if (!ctx.auth.current) {
      stream.step('step_end', 'error');
      stream.finish(401, 'not logged in', '', {});
      return;
    }
    if (ctx.faults.quotaResetSeconds !== undefined) {
      const quotaResetTime = Date.now() + ctx.faults.quotaResetSeconds * 1000;
      stream.step('step_end', 'error');
      stream.finish(429, 'quota exceeded', '', { quotaResetTime });
      return;
    }
    const thinkText =
      rule?.think ?? (ctx.catalog.find(model)?.isReasoning ? defaultThink(vars) : undefined);
    if (thinkText !== undefined) await stream.think(renderTemplate(thinkText, vars));
    stream.step('step_start', 'done');
    // Lagging (§8.2 off-by-one): stream the previous turn's answer, remember this one for later.
    if (lagging)
      await (ctx.previousAnswer === '' ? stream.chunks(['']) : stream.text(ctx.previousAnswer));
    await streamBody({ ctx, turn, stream, emit }, rule, vars);
    ctx.previousAnswer = lagging ? collected : stream.streamed;
    record.answer = stream.streamed;
    const f = rule?.finish ?? {};
    stream.step('step_end', 'done');
    stream.finish(f.statusCode ?? 200, f.reason ?? '', stream.streamed, f.extra ?? {});
  } catch (err) {
    if (err instanceof TurnAborted) {
      ctx.log.info(`chat ${err.reason}, request id: ${turn.requestId}`);
      if (err.reason === 'stopped')
        stream.finish(STOPPED_STATUS, 'stopped', stream.streamed, {}, true);
      return;
    }
    ctx.log.error(
      `chat failed, request id: ${turn.requestId}: ${(err as Error).stack ?? String(err)}`,
    );
    stream.finish(500, `internal error: ${(err as Error).message}`, stream.streamed, {}, true);
  }
}
