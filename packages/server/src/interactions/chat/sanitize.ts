/**
 * What a customer types becomes plain text before it is stored: markup is removed (script and
 * style blocks with their content, every other tag keeping its text), control and direction-override
 * characters are dropped, line breaks are normalised. Nothing is HTML-escaped: the stored text is
 * not HTML, and every client must render it as text (the widget uses textContent only).
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

const BLOCKS = /<(script|style|iframe|object|embed|noscript|template)\b[^>]*>[\s\S]*?(<\/\1\s*>|$)/gi;
const COMMENTS = /<!--[\s\S]*?(-->|$)/g;
const TAGS = /<\/?[a-z][a-z0-9-]*(?:\s[^<>]*)?\/?>|<![a-z][^<>]*>/gi;
// C0/C1 controls except tab and newline, zero-width and bidirectional overrides (text spoofing).
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

/** Length in characters as a person counts them (code points), not UTF-16 units. */
export function charCount(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

/** Plain text for storage; an empty result means nothing readable was sent. */
export function sanitizeText(input: string): string {
  return input
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(BLOCKS, '')
    .replace(COMMENTS, '')
    .replace(TAGS, '')
    .replace(INVISIBLE, '')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** A name from the pre-chat form: one line of plain text. */
export function sanitizeName(input: string): string {
  return sanitizeText(input).replace(/\s+/g, ' ');
}

/**
 * A phone number as typed (mainland numbers without the country code are common) in E.164, the form
 * the CRM stores, so the screen pop can match the customer; null when it is not a valid number.
 */
export function normalizePhone(input: string): string | null {
  const parsed = parsePhoneNumberFromString(input.trim(), 'CN');
  return parsed && parsed.isValid() ? parsed.number : null;
}
