import { describe, expect, it } from 'vitest';
import {
  LoginPasteError,
  nonceOfLoginUrl,
  parseCallbackPaste,
  portOfLoginUrl,
} from './login-paste';

const NONCE = '0123456789abcdef0123456789abcdef';
// Values in the binary's style: custom alphabet with # & % and friends, `$` padding (§6.2).
const AUTH = 'Zx#Qw&Er%Ty^(u)!@*,.-AbC$$';
const TOKEN = 'Pt&Rt#99%zz$';

const escaped = `http://127.0.0.1:37510/auth/callback?state=${NONCE}&auth=${encodeURIComponent(AUTH)}&token=${encodeURIComponent(TOKEN)}`;

describe('parseCallbackPaste', () => {
  it('reads an escaped address', () => {
    expect(parseCallbackPaste(escaped)).toEqual({ nonce: NONCE, auth: AUTH, token: TOKEN });
  });

  it('reads an address a browser shows unescaped: # and & stay inside the values', () => {
    const raw = `  http://127.0.0.1:37510/auth/callback?state=${NONCE}&auth=${AUTH}&token=${TOKEN}\n`;
    expect(parseCallbackPaste(raw)).toEqual({ nonce: NONCE, auth: AUTH, token: TOKEN });
  });

  it('does not care about the order, the host or the port of the pasted address', () => {
    const other = `https://localhost/auth/callback?token=${TOKEN}&state=${NONCE}&auth=${AUTH}`;
    expect(parseCallbackPaste(other)).toEqual({ nonce: NONCE, auth: AUTH, token: TOKEN });
  });

  it('refuses what is not a callback, or is cut short', () => {
    const code = (text: string): string => {
      try {
        parseCallbackPaste(text);
        return 'parsed';
      } catch (err) {
        return (err as LoginPasteError).code;
      }
    };
    expect(code('https://devops.aliyun.com/lingma/login?state=x')).toBe('bad_link');
    expect(code('hello')).toBe('bad_link');
    expect(code(`http://127.0.0.1:1/auth/callback?state=${NONCE}&auth=${AUTH}`)).toBe('bad_link');
  });
});

describe('login URL readers', () => {
  it('finds the nonce and the port the binary put in its login URL', () => {
    const url = `https://devops.aliyun.com/lingma/login?nonce=${NONCE}&state=${NONCE}&port=41234&challenge=c`;
    expect(nonceOfLoginUrl(url)).toBe(NONCE);
    expect(portOfLoginUrl(url)).toBe(41234);
    expect(portOfLoginUrl('not a url')).toBeUndefined();
  });
});
