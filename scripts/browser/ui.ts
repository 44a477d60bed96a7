/**
 * Helpers the browser tests share: navigation by the sidebar, the pinned status area, the tray
 * model computed from the same core (to check both surfaces agree), accessibility checks with
 * axe-core, and a scan for English left on a Chinese page.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { buildTrayModel } from '../../electron/main/tray-model';
import type { Language } from '../../electron/shared/i18n';
import type { BrowserSession } from './session';

export const WAIT = { timeout: 20_000, interval: 100 };

/** The sidebar button of a page, by its (translated) name. */
export const nav = (page: Page, name: string | RegExp) =>
  page.getByRole('navigation').getByRole('button', { name });

export const statusState = (page: Page) =>
  page.getByTestId('status-bar').getAttribute('data-state');
export const statusReason = (page: Page) => page.getByTestId('status-reason').textContent();

/** The tray's icon and tooltip for the core's current state (what main would show). */
export async function trayNow(s: BrowserSession, language: Language = 'en') {
  // Read through the same handlers main's tray reads through.
  const { api } = s.service;
  return buildTrayModel({
    gateway: await api.gatewayStatus(),
    accounts: await api.accountsList(),
    binary: await api.binaryStatus(),
    launchAtLogin: (await api.settingsGet()).app.launchAtLogin,
    hasApiKey: (await api.keysList()).length > 0,
    language,
  });
}

const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; failureSummary?: string }>;
}

/**
 * Runs axe-core (WCAG 2.1 A/AA rules, colour contrast included) on the page as it is; returns
 * one line per problem so a failing test names the element. Injected through the DevTools
 * protocol (page.evaluate), which the page's CSP does not block.
 */
export async function axeProblems(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = (await page.evaluate(`axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    }).then((r) => r.violations)`)) as AxeViolation[];
  return violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id} (${v.impact ?? '?'}): ${v.help} at ${n.target.join(' ')}`),
  );
}

/**
 * Words on a Chinese page that are English prose: everything visible or announced (text, labels,
 * placeholders, titles), minus code, inputs' own values, and names that stay as they are.
 */
export async function englishLeftOver(page: Page, allowed: RegExp): Promise<string[]> {
  const texts = (await page.evaluate(`(() => {
    const out = [];
    // Data (names, models, request bodies) is marked translate="no", as for any translator.
    const skip = (el) => el.closest('pre, code, [translate="no"], option[lang]');
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || skip(el) || el.closest('[hidden], script, style')) continue;
      if (n.textContent.trim()) out.push(n.textContent.trim());
    }
    for (const el of document.querySelectorAll('[aria-label], [placeholder], [title]')) {
      if (skip(el)) continue;
      for (const a of ['aria-label', 'placeholder', 'title']) {
        const v = el.getAttribute(a);
        if (v) out.push(v);
      }
    }
    return out;
  })()`)) as string[];
  return texts.filter((t) => /[A-Za-z]{3,}/.test(t.replace(allowed, '')));
}

/**
 * Names and technical words that read the same in Chinese (product names, APIs, units, model
 * names such as qwen3-coder or gpt-4o, which hold a digit).
 */
export const LATIN_OK =
  /\b[a-z]+\d[\w.-]*|\b[a-z]+-\d[\w.-]*|Lingma Gateway|Lingma|Claude Code|Claude|Codex CLI|Codex|Qwen Code|opencode|Continue|Cline|Cursor|VS Code|OpenAI Compatible|OpenAI|Anthropic|Responses|SDK|TypeScript|Python|curl|English|Token|Base URL|API|URL|MB|GPT|IDE|LINGMA_BIN|ANTHROPIC_API_KEY|apiKeyHelper|https?:\/\/[^\s)）]*|~?\/[\w./-]*|[\w.-]*\.(json|toml|yaml|vsix)|lgw-\w*|[a-z]+-[a-z-]+|\b[A-Z]{2,}\b/g;
