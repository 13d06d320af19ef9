// valueOf: the key=value lookup the Sophos parser uses instead of splitting every pair.
import { describe, expect, it } from 'vitest';
import { valueOf } from './sophos';

describe('valueOf', () => {
  const line =
    'device="SFW" date=2018-05-30 time=13:14:26 timezone="IST" start_time=99 src_ip=10.1.2.3 ad_domain="x.example" domain="evil.example" message="" appresolvedby="Signature';
  it('reads bare and quoted values, an empty one, and a value whose closing quote the line lost', () => {
    expect(valueOf(line, 'date')).toBe('2018-05-30');
    expect(valueOf(line, 'timezone')).toBe('IST');
    expect(valueOf(line, 'message')).toBe('');
    expect(valueOf(line, 'appresolvedby')).toBe('Signature');
    expect(valueOf(line, 'device')).toBe('SFW');
  });
  it('never reads a key out of a longer one (start_time=, ad_domain=), and says "" when absent', () => {
    expect(valueOf(line, 'time')).toBe('13:14:26');
    expect(valueOf(line, 'domain')).toBe('evil.example');
    expect(valueOf('start_time=99 ad_domain="x"', 'time')).toBe('');
    expect(valueOf(line, 'dst_ip')).toBe('');
  });
});
