// fast-xml-parser runs with entity processing OFF (no DTD, no custom entities can ever expand).
// Text nodes therefore still carry the five predefined XML entities and numeric character
// references; this resolves exactly those and nothing else.
const PREDEFINED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function unescapeXmlText(value: string): string {
  if (!value.includes('&')) return value;
  return value.replace(/&(#x[0-9a-fA-F]{1,6}|#\d{1,7}|amp|lt|gt|quot|apos);/g, (whole, name: string) => {
    if (name.startsWith('#x')) return safeCodePoint(parseInt(name.slice(2), 16), whole);
    if (name.startsWith('#')) return safeCodePoint(parseInt(name.slice(1), 10), whole);
    return PREDEFINED[name] ?? whole;
  });
}

function safeCodePoint(code: number, fallback: string): string {
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : fallback;
}

/** Refuses DOCTYPE / ENTITY declarations before the parser sees the text (XXE, billion laughs). */
export function hasDoctypeOrEntity(text: string): boolean {
  return /<!\s*(DOCTYPE|ENTITY)/i.test(text);
}
