/**
 * The request as a conversation (issue 16): one card per message — system, user, assistant, tool
 * — with text as Markdown, reasoning folded away, tool calls with their arguments and tool results
 * (long ones folded). The answer the gateway gave is marked as such.
 */
import { useTranslation } from 'react-i18next';
import { MarkdownText } from '../components/markdown';
import { conversationOf, type ConvMessage, type ConvPart } from '../inspector/conversation';

const LONG_RESULT = 600;

function pretty(args: string): string {
  try {
    return JSON.stringify(JSON.parse(args), null, 2);
  } catch {
    return args;
  }
}

function Part(props: { part: ConvPart }) {
  const { t } = useTranslation();
  const p = props.part;
  switch (p.kind) {
    case 'text':
      return <MarkdownText text={p.text} />;
    case 'reasoning':
      return (
        <details className="reasoning">
          <summary>{t('logs.conv.reasoning')}</summary>
          <MarkdownText text={p.text} />
        </details>
      );
    case 'tool_call':
      return (
        <div className="tool-call" data-testid="conv-tool-call">
          <div className="small">
            {t('logs.conv.calls')} <code>{p.name}</code>{' '}
            {p.id && <span className="muted">{p.id}</span>}
          </div>
          <pre className="code small">{pretty(p.args)}</pre>
        </div>
      );
    case 'tool_result': {
      const head = (
        <>
          {p.isError ? t('logs.conv.toolError') : t('logs.conv.toolResult')}{' '}
          {p.id && <span className="muted">{p.id}</span>}
        </>
      );
      return p.text.length > LONG_RESULT ? (
        <details className="tool-result">
          <summary>
            {head} · {t('logs.conv.chars', { count: p.text.length })}
          </summary>
          <pre className="code small">{p.text}</pre>
        </details>
      ) : (
        <div className="tool-result">
          <div className="small">{head}</div>
          <pre className="code small">{p.text}</pre>
        </div>
      );
    }
    case 'attachment':
      return (
        <p className="muted small">
          {p.what === 'image' ? t('logs.conv.image') : t('logs.conv.file')}
          {p.name && (
            <>
              {' '}
              <code translate="no">{p.name}</code>
            </>
          )}
        </p>
      );
  }
}

function Message(props: { m: ConvMessage }) {
  const { t } = useTranslation();
  const { m } = props;
  return (
    <article
      className={`msg msg-${m.role}${m.answer ? ' answer' : ''}`}
      data-testid="conv-message"
      data-role={m.role}
      aria-label={t(`logs.conv.role.${m.role}`)}
    >
      <header className="msg-role">
        {t(`logs.conv.role.${m.role}`)}
        {m.answer && <span className="muted small"> · {t('logs.conv.answer')}</span>}
      </header>
      <div className="msg-body" translate="no">
        {m.parts.map((part, i) => (
          <Part key={i} part={part} />
        ))}
      </div>
    </article>
  );
}

export function Conversation(props: {
  protocol: string;
  request: unknown;
  response: unknown;
  /** Answered by the gateway itself: nothing went to Lingma. */
  refused?: boolean;
}) {
  const { t } = useTranslation();
  const c = conversationOf(props.protocol, props.request, props.response);
  return (
    <div className="conversation">
      {c.cut.request && <p className="muted small">{t('logs.conv.cutRequest')}</p>}
      {c.messages.length === 0 ? (
        <p className="muted">{props.refused ? t('logs.conv.refused') : t('logs.conv.empty')}</p>
      ) : (
        c.messages.map((m, i) => <Message key={i} m={m} />)
      )}
      {c.cut.response && <p className="muted small">{t('logs.conv.cutResponse')}</p>}
    </div>
  );
}
