/* global window, document, requestAnimationFrame, MutationObserver, HTMLInputElement, HTMLSelectElement */
/**
 * In-page instruments for the UI benchmark (logs-ui.ts), injected before the renderer loads
 * (page.addInitScript) after a `window.__lgwBenchConfig = {...}` line. Plain JavaScript because it
 * runs in Chromium as is; every function returns plain data for page.evaluate.
 * Times are performance.now() in the page, so no Playwright round trip is counted.
 */
(() => {
  const config = window.__lgwBenchConfig;
  const state = {
    /** performance.now() when the cold load showed the full list. */
    coldListedAt: undefined,
    /** When the big logs:query reply reached the page (before JSON.parse). */
    bigReplyAt: undefined,
    bigReplyChars: 0,
    lastPushAt: undefined,
    longTasks: [],
  };

  // Timestamp bridge messages on arrival: this listener is added first, so it runs before the
  // renderer's own (which parses the JSON and updates the store).
  const NativeWebSocket = window.WebSocket;
  window.WebSocket = class extends NativeWebSocket {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (ev) => {
        const text = typeof ev.data === 'string' ? ev.data : '';
        if (text.startsWith('{"push":"logs:changed"')) state.lastPushAt = performance.now();
        else if (text.length > 1_000_000) {
          state.bigReplyAt = performance.now();
          state.bigReplyChars = text.length;
        }
      });
    }
  };

  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) state.longTasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // No Long Tasks API: frame deltas still tell the story.
  }

  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  /** After the next paint: a task queued from requestAnimationFrame runs once the frame is out. */
  const afterPaint = () =>
    new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

  /** performance.now() when `predicate()` first holds, checked on every DOM mutation. */
  const when = (predicate, timeoutMs = 30_000) =>
    new Promise((resolve, reject) => {
      if (predicate()) return resolve(performance.now());
      const observer = new MutationObserver(() => {
        if (!predicate()) return;
        observer.disconnect();
        clearTimeout(timer);
        resolve(performance.now());
      });
      observer.observe(document.documentElement, {
        subtree: true,
        childList: true,
        characterData: true,
      });
      const timer = setTimeout(() => {
        observer.disconnect();
        reject(new Error(`timed out; count text is "${countText()}"`));
      }, timeoutMs);
    });

  const countText = () => document.querySelector('.page.logs p[aria-live]')?.textContent ?? '';
  const rowsInDom = () => document.querySelectorAll('[data-testid="log-row"]').length;
  const navButton = (label) =>
    [...document.querySelectorAll('nav button')].find((b) => b.textContent === label);
  const listed = (text) => rowsInDom() > 0 && countText() === text;

  // Init scripts run before <html> exists; start watching once the document is there.
  document.addEventListener('DOMContentLoaded', () => {
    void when(() => listed(config.fullText), 120_000).then((t) => (state.coldListedAt = t));
  });

  /** Sets a React-controlled input or select the way a user's edit does. */
  function setValue(el, value) {
    const proto =
      el instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
    Object.getOwnPropertyDescriptor(proto, 'value').set.call(el, value);
    const type = el instanceof HTMLSelectElement ? 'change' : 'input';
    el.dispatchEvent(new Event(type, { bubbles: true }));
  }

  window.__lgwBench = {
    cold: () => ({
      listedMs: state.coldListedAt,
      replyMs: state.bigReplyAt,
      replyChars: state.bigReplyChars,
    }),

    /** Dashboard → Requests: time until the rows are in the DOM, and until painted. */
    async open() {
      navButton('Dashboard').click();
      await new Promise((resolve) => setTimeout(resolve, 300)); // let the Dashboard settle
      await afterPaint();
      const t0 = performance.now();
      navButton('Requests').click();
      const commit = await when(() => listed(config.fullText));
      await afterPaint();
      return { commitMs: commit - t0, paintMs: performance.now() - t0, rows: rowsInDom() };
    },

    /** One filter edit: `control` is an aria-label, or "toolcalls" for the checkbox. */
    async filter(step) {
      await afterPaint();
      const el =
        step.control === 'toolcalls'
          ? document.querySelector('.filters input[type="checkbox"]')
          : document.querySelector(`[aria-label="${step.control}"]`);
      const t0 = performance.now();
      if (step.control === 'toolcalls') el.click();
      else setValue(el, step.value);
      const handled = performance.now();
      const commit = await when(() => countText() === step.expectText);
      await afterPaint();
      return {
        handlerMs: handled - t0,
        commitMs: commit - t0,
        paintMs: performance.now() - t0,
      };
    },

    /** Scrolls the list every frame; `jump` lands anywhere, else `step` px further each frame. */
    async scroll(frames, step, jump) {
      const list = document.querySelector('.virtual');
      const max = list.scrollHeight - list.clientHeight;
      const deltas = [];
      const firstLongTask = state.longTasks.length;
      let seed = 12345;
      let pos = 0;
      let last;
      for (let i = 0; i < frames; i++) {
        const t = await frame();
        if (last !== undefined) deltas.push(t - last);
        last = t;
        if (jump) {
          seed = (seed * 16807) % 2147483647;
          pos = (seed / 2147483647) * max;
        } else {
          pos = (pos + step) % max;
        }
        list.scrollTop = pos;
      }
      return { deltas, longTasks: state.longTasks.slice(firstLongTask), rows: rowsInDom() };
    },

    /** Scrolls to the top and waits until the first row shows `model` (sent by a push). */
    async pushApplied(model) {
      const started = performance.now();
      const at = await when(
        () =>
          document.querySelector('[data-testid="log-row"] [data-col="model"]')?.textContent ===
          model,
      );
      return { sinceArrivalMs: at - (state.lastPushAt ?? started) };
    },

    toTop: async () => {
      document.querySelector('.virtual').scrollTop = 0;
      await afterPaint();
    },
  };
})();
