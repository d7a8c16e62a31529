import { describe, expect, it } from 'vitest';
import { SlidingWindow } from './rate-limit.ts';
import { charCount, normalizePhone, sanitizeName, sanitizeText } from './sanitize.ts';

describe('chat sanitising', () => {
  it('removes scripts and markup, keeping the text people meant', () => {
    expect(sanitizeText('<script>alert(1)</script>你好<b>呀</b>')).toBe('你好呀');
    expect(sanitizeText('<SCRIPT type="text/javascript">document.cookie</SCRIPT >报修')).toBe('报修');
    expect(sanitizeText('<img src=x onerror="alert(1)">')).toBe('');
    expect(sanitizeText('<a href="javascript:alert(1)">点我</a>')).toBe('点我');
    expect(sanitizeText('<style>body{display:none}</style><!-- x -->水管漏水')).toBe('水管漏水');
    expect(sanitizeText('<iframe src="//evil"></iframe>ok')).toBe('ok');
    // An unclosed script swallows the rest rather than leaving a fragment behind.
    expect(sanitizeText('hi <script>alert(1)')).toBe('hi');
  });

  it('leaves ordinary text alone, including comparisons and entities typed as text', () => {
    expect(sanitizeText('3 < 5 and 7 > 2')).toBe('3 < 5 and 7 > 2');
    expect(sanitizeText('a <3 b')).toBe('a <3 b');
    expect(sanitizeText('&lt;b&gt; 是转义')).toBe('&lt;b&gt; 是转义');
    expect(sanitizeText('  第一行\r\n第二行\n\n\n\n第三行  ')).toBe('第一行\n第二行\n\n第三行');
  });

  it('drops control, zero-width and direction-override characters', () => {
    expect(sanitizeText('ab\u0000c\u200Bd\u202Ee\u0007')).toBe('abcde');
    expect(sanitizeName('  张\n三  ')).toBe('张 三');
  });

  it('counts characters as people do', () => {
    expect(charCount('你好')).toBe(2);
    expect(charCount('👍👍')).toBe(2);
    expect('👍👍'.length).toBe(4);
  });

  it('parses phone numbers to E.164, mainland numbers without the country code included', () => {
    expect(normalizePhone('138 1234 5678')).toBe('+8613812345678');
    expect(normalizePhone('+86 138-1234-5678')).toBe('+8613812345678');
    expect(normalizePhone('+44 20 7946 0958')).toBe('+442079460958');
    expect(normalizePhone('12345')).toBeNull();
    expect(normalizePhone('not a number')).toBeNull();
  });
});

describe('sliding window', () => {
  it('allows the limit within any window and forgets old hits', () => {
    const w = new SlidingWindow(3, 10_000);
    expect([0, 1000, 2000, 3000].map((t) => w.tryHit('a', t))).toEqual([true, true, true, false]);
    expect(w.tryHit('b', 3000)).toBe(true);
    expect(w.tryHit('a', 10_000)).toBe(true);
    expect(w.tryHit('a', 10_500)).toBe(false);
    w.sweep(100_000);
    expect(w.size).toBe(0);
  });
});
