import { describe, expect, it } from 'vitest';
import { proxyForUrl } from './proxy';

const P = 'http://proxy.gov.example:3128';

describe('proxyForUrl', () => {
  it('uses HTTPS_PROXY for https and HTTP_PROXY for http, each falling back to the other', () => {
    expect(proxyForUrl('https://feed.example.vn/f.json', { HTTPS_PROXY: P })).toBe(P);
    expect(proxyForUrl('http://feed.example.vn/f.json', { HTTPS_PROXY: P })).toBe(P);
    expect(proxyForUrl('https://feed.example.vn/f.json', { HTTP_PROXY: 'http://a:1', HTTPS_PROXY: P })).toBe(
      P,
    );
    expect(proxyForUrl('http://feed.example.vn/f.json', { HTTP_PROXY: 'http://a:1', HTTPS_PROXY: P })).toBe(
      'http://a:1',
    );
    expect(proxyForUrl('https://feed.example.vn/f.json', { https_proxy: P })).toBe(P);
    expect(proxyForUrl('https://feed.example.vn/f.json', {})).toBeNull();
  });

  it('adds http:// to a proxy given as host:port', () => {
    expect(proxyForUrl('https://x.vn/', { HTTPS_PROXY: '10.0.0.1:8080' })).toBe('http://10.0.0.1:8080');
  });

  it.each([
    ['*', 'https://any.vn/', true],
    ['khonggianmang.vn', 'https://khonggianmang.vn/f', true],
    ['khonggianmang.vn', 'https://feed.khonggianmang.vn/f', true],
    ['.khonggianmang.vn', 'https://feed.khonggianmang.vn/f', true],
    ['*.khonggianmang.vn', 'https://feed.khonggianmang.vn/f', true],
    ['khonggianmang.vn', 'https://notkhonggianmang.vn/f', false],
    ['KHONGGIANMANG.VN', 'https://feed.khonggianmang.vn/f', true],
    ['feed.vn:8443', 'https://feed.vn:8443/f', true],
    ['feed.vn:8443', 'https://feed.vn/f', false],
    ['feed.vn:443', 'https://feed.vn/f', true],
    ['10.0.0.0/8', 'http://10.20.30.40/f', true],
    ['10.0.0.0/8', 'http://11.0.0.1/f', false],
    ['127.0.0.1', 'http://127.0.0.1:9999/f', true],
    ['::1', 'http://[::1]:9999/f', true],
    ['[::1]:9999', 'http://[::1]:9999/f', true],
    ['2001:db8::/32', 'http://[2001:db8::5]/f', true],
    ['intranet.vn, localhost  127.0.0.1', 'http://localhost:1/f', true],
    ['', 'https://a.vn/', false],
  ])('NO_PROXY=%j for %s bypasses: %s', (noProxy, url, bypass) => {
    expect(proxyForUrl(url, { HTTPS_PROXY: P, NO_PROXY: noProxy })).toBe(bypass ? null : P);
  });
});
