/** What a person's browser ends up with after signing in on the login page. */
export interface BrowserLoginResult {
  /** Where the login site redirected the browser (the binary's /auth/callback URL). */
  callbackUrl: string;
  /** The page the callback rendered. */
  finalHtml: string;
  /** HTTP status of that final page (200 on success). */
  status: number;
}

interface FormField {
  name: string;
  type: string;
  value: string;
}

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  const raw = m ? (m[1] ?? m[2] ?? m[3] ?? '') : undefined;
  return raw
    ?.replace(/&#(\d+);/g, (_s, code: string) => String.fromCharCode(Number(code)))
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

/** The first form on the page: its action, method and input fields, read from the HTML only. */
function parseForm(html: string): { action: string; method: string; fields: FormField[] } {
  const form = /<form\b[^>]*>([\s\S]*?)<\/form>/i.exec(html);
  if (!form) throw new Error(`login page has no form:\n${html.slice(0, 500)}`);
  const openTag = /<form\b[^>]*>/i.exec(form[0])?.[0] ?? '';
  const fields = [...(form[1] ?? '').matchAll(/<input\b[^>]*>/gi)].map(([tag]) => ({
    name: attr(tag, 'name') ?? '',
    type: (attr(tag, 'type') ?? 'text').toLowerCase(),
    value: attr(tag, 'value') ?? '',
  }));
  return {
    action: attr(openTag, 'action') ?? '',
    method: (attr(openTag, 'method') ?? 'get').toUpperCase(),
    fields: fields.filter((f) => f.name !== ''),
  };
}

/**
 * Does what a person in a browser would: opens `loginUrl`, fills in the form it finds (account
 * name into the text field, a password into the password field, hidden fields as they are),
 * submits it, and follows the redirects to the callback. Uses nothing but the HTML.
 */
export async function playBrowserLogin(
  loginUrl: string,
  opts: { username?: string; password?: string; followCallback?: boolean } = {},
): Promise<BrowserLoginResult> {
  const page = await fetch(loginUrl);
  const html = await page.text();
  if (!page.ok) throw new Error(`login page answered ${page.status}: ${html.slice(0, 300)}`);
  const form = parseForm(html);
  const body = new URLSearchParams();
  let filledUser = false;
  for (const f of form.fields) {
    if (f.type === 'password') body.append(f.name, opts.password ?? 'correct horse battery');
    else if (!filledUser && (f.type === 'text' || f.type === 'email')) {
      body.append(f.name, opts.username ?? 'sim-user');
      filledUser = true;
    } else if (f.type !== 'submit' && f.type !== 'button') body.append(f.name, f.value);
  }
  const target = new URL(form.action || loginUrl, loginUrl);
  const submit =
    form.method === 'POST'
      ? await fetch(target, {
          method: 'POST',
          body,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          redirect: 'manual',
        })
      : await fetch(new URL(`?${body.toString()}`, target), { redirect: 'manual' });
  const location = submit.headers.get('location');
  if (submit.status < 300 || submit.status > 399 || !location) {
    throw new Error(
      `form submit answered ${submit.status}: ${(await submit.text()).slice(0, 300)}`,
    );
  }
  const callbackUrl = new URL(location, target).toString();
  // A browser on another machine stops here: nothing answers on its 127.0.0.1 (§6.2).
  if (opts.followCallback === false) return { callbackUrl, finalHtml: '', status: 0 };
  let next = callbackUrl;
  for (let hops = 0; hops < 5; hops += 1) {
    const res = await fetch(next, { redirect: 'manual' });
    const redirectTo = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && redirectTo) {
      next = new URL(redirectTo, next).toString();
      continue;
    }
    return { callbackUrl, finalHtml: await res.text(), status: res.status };
  }
  throw new Error(`too many redirects after ${callbackUrl}`);
}

/**
 * The callback URL the way a browser's address bar may show it: with the query's escapes undone,
 * so the custom alphabet's `#`, `&` and `%` appear raw and a standard URL parser would cut the
 * query at `#` (§6.2 "Parsing trap"). What a user copies from there is what gets pasted.
 */
export function asShownInAddressBar(callbackUrl: string): string {
  const q = callbackUrl.indexOf('?');
  if (q < 0) return callbackUrl;
  const query = callbackUrl
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      return eq < 0 ? pair : `${pair.slice(0, eq)}=${decodeURIComponent(pair.slice(eq + 1))}`;
    })
    .join('&');
  return `${callbackUrl.slice(0, q)}?${query}`;
}
