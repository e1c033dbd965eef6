// Text the user types (text answers, "Other" text) and the user id are made storable before they
// are queued: no NUL (U+0000, refused by Postgres text columns) and no lone UTF-16 surrogate (not
// encodable as UTF-8), so an answer is never refused by the backend. Survey text with either is an
// error instead: the check is isWellFormedText() in schema/primitives.ts (zod chunk); this repair
// stays out of that chunk so the page-load and presenter code share it without the validator, and a
// unit test keeps the two in agreement.

/** Lone surrogates become U+FFFD, NUL characters are removed; well-formed text comes back unchanged. */
export function toWellFormedText(text: string): string {
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
