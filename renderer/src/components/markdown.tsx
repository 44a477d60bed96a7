/**
 * Markdown from request and response bodies (issue 16), rendered safely under the app's strict
 * CSP. react-markdown builds React elements from a syntax tree — no HTML string, no innerHTML —
 * and raw HTML inside the text is dropped (`skipHtml`), so nothing a client or model wrote can
 * run or style the page. Links never navigate the app window: an http(s) link opens in the
 * system browser through main; anything else stays text. Images are not fetched (the CSP allows
 * only the app's own files, and a remote image would tell a third party the log was opened): the
 * alt text and address are shown instead. remark-gfm adds the tables, task lists and
 * strikethrough models write.
 */
import { memo } from 'react';
import Markdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { getApi } from '../api';

const SAFE_LINK = /^https?:\/\//i;

const components: Components = {
  a: ({ href, children }) =>
    href && SAFE_LINK.test(href) ? (
      <a
        href={href}
        onClick={(e) => {
          e.preventDefault();
          void getApi().shellOpenExternal({ url: href });
        }}
      >
        {children}
      </a>
    ) : (
      <span className="md-link">{children}</span>
    ),
  img: ({ alt, src }) => (
    <span className="md-image">
      [
      {[alt, typeof src === 'string' && !src.startsWith('data:') ? src : undefined]
        .filter(Boolean)
        .join(': ')}
      ]
    </span>
  ),
};

/** Text as Markdown; long text is fine (no inner scrolling here, the pane scrolls). */
export const MarkdownText = memo(function MarkdownText(props: { text: string }) {
  return (
    <div className="md">
      <Markdown remarkPlugins={[remarkGfm]} skipHtml components={components}>
        {props.text}
      </Markdown>
    </div>
  );
});
