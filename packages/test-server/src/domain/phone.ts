/** Strips the decorations people type ('+', spaces, dashes, brackets); undefined if not a phone. */
export function normalizePhone(raw: string): string | undefined {
  const digits = raw.replace(/[\s+\-()]/g, '');
  return /^\d{5,15}$/.test(digits) ? digits : undefined;
}

/**
 * Telegram's test-number convention: 99966XYYYY lives on DC X.
 * Returns X, or undefined when the number is not a test number.
 */
export function testNumberDc(phone: string): number | undefined {
  const match = /^99966(\d)\d{4}$/.exec(phone);
  return match ? Number(match[1]) : undefined;
}

/** The login code of a test number on DC X is the digit X five times. */
export function testNumberCode(dcId: number): string {
  return String(dcId).repeat(5);
}
