// Edges of URL canonicalisation (shared/net/url.ts) that mutation testing (issue 19) showed no
// test pinned down: the length limit before and after canonicalisation, scheme-less text with a
// port, hosts with no usable name, percent-encoded opaque hosts, user info and ports.
import { describe, expect, it } from 'vitest';
import { MAX_URL_LENGTH, canonicalUrl, parseCanonicalUrl } from './url';

describe('parseCanonicalUrl edges', () => {
  it('keeps a URL of exactly the limit and refuses one character more, before or after canonicalising', () => {
    const head = 'http://evil.example/';
    const at = head + 'a'.repeat(MAX_URL_LENGTH - head.length);
    expect(at).toHaveLength(2048);
    expect(canonicalUrl(at)).toBe(at);
    expect(canonicalUrl(`${at}b`)).toBeNull();
    // Scheme-less text gains "http://": 2 041 characters in, 2 048 out; one more gives 2 049.
    const bare = `evil.example/${'a'.repeat(MAX_URL_LENGTH - head.length)}`;
    expect(canonicalUrl(bare)).toBe(at);
    expect(canonicalUrl(`${bare}b`)).toBeNull();
    // Upper-case escapes stay, spaces are refused before URL() sees them.
    expect(canonicalUrl(' http://evil.example/a ')).toBe('http://evil.example/a');
    expect(canonicalUrl('http://evil.example/a\tb')).toBeNull();
  });

  it('reads scheme-less text with a port as http, and refuses other "word:" text', () => {
    expect(parseCanonicalUrl('evil.example:8080/a')).toEqual({
      url: 'http://evil.example:8080/a',
      host: { kind: 'domain', value: 'evil.example' },
      port: 8080,
    });
    expect(canonicalUrl('localhost:abc')).toBeNull();
    expect(canonicalUrl('MAILTO:a@b.example')).toBeNull();
    expect(canonicalUrl('evil.example/a:b')).toBe('http://evil.example/a:b');
    expect(canonicalUrl('data:text/plain,x')).toBeNull();
    expect(canonicalUrl('HTTP://X.Example')).toBe('http://x.example/');
  });

  it('gives null for a URL with no host, an unclosed bracket or a host that is no name', () => {
    for (const bad of [
      'file:///etc/passwd',
      'tcp://',
      'http://[::1',
      'http://evil_example:99999/',
      'tcp://evil%zz.example/',
      'tcp://evil%E0%A4%A.example/',
      'tcp://a..b/',
    ])
      expect(canonicalUrl(bad), bad).toBeNull();
  });

  it('reads IP hosts: WHATWG IPv4 forms, bracketed IPv6, mapped IPv6 folded to IPv4', () => {
    expect(parseCanonicalUrl('http://0x7f.1/')).toEqual({
      url: 'http://127.0.0.1/',
      host: { kind: 'ip', value: '127.0.0.1' },
    });
    expect(canonicalUrl('http://[::ffff:1.2.3.4]/x')).toBe('http://1.2.3.4/x');
    expect(parseCanonicalUrl('tcp://[2001:DB8::1]:9/x')).toEqual({
      url: 'tcp://[2001:db8::1]:9/x',
      host: { kind: 'ip', value: '2001:db8::1' },
      port: 9,
    });
    expect(canonicalUrl('tcp://1.2.3.4:9/')).toBe('tcp://1.2.3.4:9/');
  });

  it('percent-decodes the opaque host of other schemes', () => {
    expect(parseCanonicalUrl('tcp://Evil%2Eexample:443')).toEqual({
      url: 'tcp://evil.example:443',
      host: { kind: 'domain', value: 'evil.example' },
      port: 443,
    });
  });

  it('keeps user and password as written, each only when given', () => {
    expect(canonicalUrl('http://user:pass@evil.example/')).toBe('http://user:pass@evil.example/');
    expect(canonicalUrl('http://user@evil.example/')).toBe('http://user@evil.example/');
    expect(canonicalUrl('http://:pass@evil.example/')).toBe('http://:pass@evil.example/');
    expect(canonicalUrl('http://@evil.example/')).toBe('http://evil.example/');
  });

  it('drops only the default port of the scheme, and says the port when it is kept', () => {
    expect(parseCanonicalUrl('https://evil.example:443/')).toStrictEqual({
      url: 'https://evil.example/',
      host: { kind: 'domain', value: 'evil.example' },
    });
    expect(parseCanonicalUrl('https://evil.example:80/')?.port).toBe(80);
    expect(canonicalUrl('ftp://evil.example:21/x')).toBe('ftp://evil.example/x');
    expect(canonicalUrl('ws://evil.example:80/')).toBe('ws://evil.example/');
    expect(parseCanonicalUrl('http://x.example:0/')).toEqual({
      url: 'http://x.example:0/',
      host: { kind: 'domain', value: 'x.example' },
      port: 0,
    });
  });

  it('applies the length limit to the text as given, even when the canonical form is shorter', () => {
    // A link stuffed with "a/../" segments: 2 049 characters as written, "http://evil.example/x"
    // once the dot segments are resolved. It is refused, as a feed entry over the limit is.
    const stuffed = `http://evil.example/${'a/../'.repeat(405)}x`;
    const long = stuffed + '/'.repeat(MAX_URL_LENGTH + 1 - stuffed.length);
    expect(long).toHaveLength(MAX_URL_LENGTH + 1);
    expect(canonicalUrl(long)).toBeNull();
    const atLimit = long.slice(0, MAX_URL_LENGTH);
    expect(canonicalUrl(atLimit)).toBe(`http://evil.example/x${'/'.repeat(atLimit.length - stuffed.length)}`);
    expect(canonicalUrl(`http://evil.example/${'a/../'.repeat(40)}x`)).toBe('http://evil.example/x');
  });
});
