import { describe, expect, it } from 'vitest';
import { ipRateLimitKey } from './ip-key';

describe('ipRateLimitKey', () => {
  it('keeps IPv4 as it is and maps IPv4-mapped IPv6 to its IPv4', () => {
    expect(ipRateLimitKey('203.0.113.7')).toBe('203.0.113.7');
    expect(ipRateLimitKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(ipRateLimitKey('::FFFF:cb00:7107')).toBe('203.0.113.7');
  });

  it('counts IPv6 per /64, whatever the spelling', () => {
    expect(ipRateLimitKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(ipRateLimitKey('2001:0DB8:0001:0002:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(ipRateLimitKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(ipRateLimitKey('2001:db8:1:3::1')).toBe('2001:db8:1:3::/64');
    expect(ipRateLimitKey('::1')).toBe('0:0:0:0::/64');
    expect(ipRateLimitKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(ipRateLimitKey('64:ff9b::192.0.2.33')).toBe('64:ff9b:0:0::/64');
  });

  it('passes anything else through', () => {
    expect(ipRateLimitKey('unknown')).toBe('unknown');
  });
});
