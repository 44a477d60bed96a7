function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem}
label{display:block;margin-top:1rem}input{width:100%;padding:.4rem}button{margin-top:1.5rem;padding:.5rem 1.5rem}
.error{color:#b00020}</style></head>
<body>${body}</body>
</html>
`;
}

/** The stand-in for the Alibaba Cloud sign-in page: a plain, accessible HTML form. */
export function loginPage(hidden: Record<string, string>, action: string, error?: string): string {
  const hiddenInputs = Object.entries(hidden)
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join('\n    ');
  const errorLine = error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : '';
  return page(
    'Sign in - Lingma (simulated)',
    `<main>
  <h1>Sign in to Tongyi Lingma</h1>
  <p>Simulated Alibaba Cloud login. Any account name and non-empty password are accepted.</p>
  ${errorLine}
  <form method="post" action="${escapeHtml(action)}" aria-label="Sign in">
    ${hiddenInputs}
    <label for="username">Account</label>
    <input id="username" name="username" type="text" autocomplete="username" required>
    <label for="password">Password</label>
    <input id="password" name="password" type="password" autocomplete="current-password" required>
    <button type="submit">Authorize</button>
  </form>
</main>`,
  );
}

/** Shown by the binary's own HTTP server after the browser lands on /auth/callback. */
export function resultPage(ok: boolean, message: string): string {
  const title = ok ? 'Login successful' : 'Login failed';
  return page(
    title,
    `<main><h1>${title}</h1><p${ok ? '' : ' class="error" role="alert"'}>${escapeHtml(message)}</p></main>`,
  );
}
