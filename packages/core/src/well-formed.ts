// Text the backend can store: no NUL (U+0000, refused by Postgres text columns) and no lone UTF-16
// surrogate (not encodable as UTF-8). Survey text with either is an error (schema/primitives.ts);
// text the user types is repaired instead (survey/response.ts), so an answer is never refused.
// Zod-free: the presenter chunk uses it without pulling in the validator.

// A high surrogate not followed by a low one, or a low surrogate not preceded by a high one (written
// without lookbehind for older Safari).
const ILL_FORMED = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/

export function isWellFormedText(text: string): boolean {
  return !ILL_FORMED.test(text)
}

/** Lone surrogates become U+FFFD, NUL characters are removed. */
export function toWellFormedText(text: string): string {
  if (isWellFormedText(text)) return text
  let out = ''
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    if (code === 0) continue
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(index + 1)
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += String.fromCharCode(code, next)
        index++
      } else out += '\uFFFD'
    } else if (code >= 0xdc00 && code <= 0xdfff) out += '\uFFFD'
    else out += text.charAt(index)
  }
  return out
}
