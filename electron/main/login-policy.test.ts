import { describe, expect, it } from 'vitest';
import { loginNavigationVerdict, loginPartition } from './login-policy';

const real = {
  loginUrl: 'https://devops.aliyun.com/lingma/login?nonce=x&port=37510',
  callbackPort: 37510,
};
const sim = { loginUrl: 'http://127.0.0.1:41234/lingma/login?nonce=x', callbackPort: 40001 };

describe('login window navigation policy', () => {
  it('allows the login site, Alibaba identity hosts and the callback port', () => {
    expect(loginNavigationVerdict('https://devops.aliyun.com/lingma/login', real)).toBe('allow');
    expect(loginNavigationVerdict('https://account.alibabacloud.com/login/login.htm', real)).toBe(
      'allow',
    );
    expect(loginNavigationVerdict('https://login.taobao.com/x', real)).toBe('allow');
    expect(loginNavigationVerdict('http://127.0.0.1:37510/auth/callback?state=a', real)).toBe(
      'allow',
    );
  });

  it('refuses other loopback ports and look-alike hosts', () => {
    expect(loginNavigationVerdict('http://127.0.0.1:8765/v1/models', real)).toBe('deny');
    expect(loginNavigationVerdict('https://aliyun.com.evil.example/', real)).toBe('external');
    expect(loginNavigationVerdict('https://evilaliyun.com/', real)).toBe('external');
    expect(loginNavigationVerdict('file:///etc/passwd', real)).toBe('deny');
    expect(loginNavigationVerdict('javascript:alert(1)', real)).toBe('deny');
    expect(loginNavigationVerdict('not a url', real)).toBe('deny');
  });

  it('sends plain http sites to the system browser', () => {
    expect(loginNavigationVerdict('http://example.com/help', real)).toBe('external');
  });

  it("allows a loopback login page's own origin (the simulator)", () => {
    expect(loginNavigationVerdict('http://127.0.0.1:41234/lingma/login?x=1', sim)).toBe('allow');
    expect(loginNavigationVerdict('http://127.0.0.1:40001/auth/callback', sim)).toBe('allow');
    expect(loginNavigationVerdict('http://127.0.0.1:41235/', sim)).toBe('deny');
  });

  it('gives every account its own persistent partition', () => {
    expect(loginPartition('work')).toBe('persist:lingma-login-work');
    expect(loginPartition('a/b')).toBe('persist:lingma-login-a_b');
  });
});
