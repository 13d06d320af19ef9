import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalUrl, parseCanonicalUrl } from './url';
import { propertyRuns } from '../../test/support/property-runs';

// fast-check's web* arbitraries build a large table the first time one is used (5 to 15 s on the
// shared 2-core machine), once per test process. Mutation testing starts a process per mutant, so
// when it caps the runs (PROPERTY_RUNS, test/support/property-runs.ts) the path, query and fragment
// come from a small alphabet of the same kinds of characters instead; `npm test` uses fast-check's.
const capped = process.env.PROPERTY_RUNS !== undefined;
const piece = fc.string({
  unit: fc.constantFrom(
    'a',
    'Z',
    '0',
    '-',
    '.',
    '_',
    '~',
    '%41',
    '%zz',
    'é',
    '/',
    '?',
    '=',
    '&',
    ':',
    '@',
    '..',
    '+',
  ),
  maxLength: 6,
});
const webPath = capped
  ? fc.array(piece, { maxLength: 4 }).map((segments) => segments.map((x) => `/${x}`).join(''))
  : fc.webPath();
const webQuery = capped ? piece : fc.webQueryParameters();
const webFragment = capped ? piece : fc.webFragments();

describe('canonicalUrl', () => {
  it('lower-cases scheme and host, drops the default port and the fragment, keeps path and query', () => {
    expect(canonicalUrl('HTTPS://GitHub.COM:443/Evil-User/Tool/releases/download/v1/Setup.exe#x')).toBe(
      'https://github.com/Evil-User/Tool/releases/download/v1/Setup.exe',
    );
    expect(canonicalUrl('http://Evil.Example.:80/a/./b/../c?Q=1&r=%41')).toBe(
      'http://evil.example/a/c?Q=1&r=%41',
    );
    expect(canonicalUrl('http://evil.example:8080')).toBe('http://evil.example:8080/');
  });

  it('writes an IDN host in punycode and an IPv6 literal compressed in brackets', () => {
    expect(canonicalUrl('https://bộcông-an.vn/tải về.exe')).toBeNull(); // a space: not one URL
    expect(canonicalUrl('https://bộcôngan.vn/tai')).toBe('https://xn--bcngan-jxa6332d.vn/tai');
    expect(parseCanonicalUrl('http://[2001:DB8:0::1]:8443/x')).toEqual({
      url: 'http://[2001:db8::1]:8443/x',
      host: { kind: 'ip', value: '2001:db8::1' },
      port: 8443,
    });
  });

  it('reads scheme-less text as http and folds the host of other schemes too', () => {
    expect(canonicalUrl('Evil.Example/a.exe')).toBe('http://evil.example/a.exe');
    expect(parseCanonicalUrl('TCP://Evil.Example:443')).toEqual({
      url: 'tcp://evil.example:443',
      host: { kind: 'domain', value: 'evil.example' },
      port: 443,
    });
  });

  it('gives null for text with no usable host or too long', () => {
    for (const bad of [
      '',
      'http://',
      'http:// x',
      'mailto:a@b.example',
      'http://a b/',
      'http://[zz]/',
      'javascript:alert(1)',
    ]) {
      expect(canonicalUrl(bad), bad).toBeNull();
    }
    expect(canonicalUrl(`http://evil.example/${'a'.repeat(2048)}`)).toBeNull();
  });

  it('is idempotent: the canonical form of a canonical URL is itself', () => {
    const host = fc.oneof(
      fc.domain(),
      fc.ipV4(),
      fc.ipV6().map((a) => `[${a}]`),
    );
    const url = fc
      .tuple(
        fc.constantFrom('http', 'HTTPS', 'ftp', 'ws', 'tcp', ''),
        host,
        fc.option(fc.integer({ min: 1, max: 65535 })),
        webPath,
        fc.option(webQuery),
        fc.option(webFragment),
      )
      .map(
        ([scheme, h, port, path, query, fragment]) =>
          `${scheme === '' ? '' : `${scheme}://`}${h}${port === null ? '' : `:${port}`}${path}${query === null ? '' : `?${query}`}${fragment === null ? '' : `#${fragment}`}`,
      );
    fc.assert(
      fc.property(url, (u) => {
        const once = canonicalUrl(u);
        if (once === null) return;
        expect(canonicalUrl(once)).toBe(once);
        expect(once).not.toContain('#');
      }),
      { numRuns: propertyRuns(3000) },
    );
  });
});
