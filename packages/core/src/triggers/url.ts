// URL rules of touchpoints. Which part of the page URL (`https://shop.test/app/cart?x=1#top`) a rule
// sees depends on its op (docs/core.md, "URL rules"):
// - exact, contains, startsWith, endsWith compare literally: a value starting with "/" against the
//   path + query + hash (`/app/cart?x=1#top`), any other value against the full URL;
// - glob sees the path only (`/app/cart`), or the full URL when the pattern has a scheme (`https://…`);
// - regex sees the path only when anchored there (`^/app/(cart|plans)$`), otherwise the full URL.
import type { UrlRule } from '../model'

const regexCache = new Map<string, RegExp | null>()

function compile(source: string): RegExp | null {
  let regex = regexCache.get(source)
  if (regex === undefined) {
    try {
      regex = new RegExp(source)
    } catch {
      regex = null
    }
    regexCache.set(source, regex)
  }
  return regex
}

/**
 * `*` matches within a path segment, `**` across segments (a trailing `/**` also matches the folder
 * itself, a `**` before a slash also no folder at all), `?` one character; everything else is literal.
 */
export function globToRegExp(glob: string): RegExp | null {
  let source = ''
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i] as string
    if (char === '*' && glob[i + 1] === '*') {
      i++
      if (glob[i + 1] === '/') {
        source += '(?:.*/)?' // `**/`: any number of whole segments, including none
        i++
      } else if (source.endsWith('/') && i === glob.length - 1) {
        source = `${source.slice(0, -1)}(?:/.*)?` // a trailing `/**`: the folder itself or anything in it
      } else source += '.*'
    } else if (char === '*') source += '[^/]*'
    else if (char === '?') source += '[^/]'
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&')
  }
  return compile(`^${source}$`)
}

function parts(url: string): { path: string; pathQueryHash: string } {
  try {
    const parsed = new URL(url)
    return { path: parsed.pathname, pathQueryHash: parsed.pathname + parsed.search + parsed.hash }
  } catch {
    return { path: url, pathQueryHash: url }
  }
}

/** The part of `url` that `rule` is matched against (see the header of this file). */
export function urlSubject(rule: UrlRule, url: string): string {
  switch (rule.op) {
    case 'glob':
      return rule.value.includes('://') ? url : parts(url).path
    case 'regex':
      return rule.value.startsWith('^/') ? parts(url).path : url
    default:
      return rule.value.startsWith('/') ? parts(url).pathQueryHash : url
  }
}

function testRule(rule: UrlRule, url: string): boolean {
  const subject = urlSubject(rule, url)
  switch (rule.op) {
    case 'exact':
      return subject === rule.value || subject.replace(/\/$/, '') === rule.value.replace(/\/$/, '')
    case 'contains':
      return subject.includes(rule.value)
    case 'startsWith':
      return subject.startsWith(rule.value)
    case 'endsWith':
      return subject.endsWith(rule.value)
    case 'glob':
      return globToRegExp(rule.value)?.test(subject) ?? false
    case 'regex':
      return compile(rule.value)?.test(subject) ?? false
    default:
      return false
  }
}

export function matchesUrlRule(rule: UrlRule, url: string): boolean {
  return testRule(rule, url) !== (rule.not === true)
}

/** Every rule holds (an empty list holds). */
export function matchesUrl(rules: readonly UrlRule[] | undefined, url: string): boolean {
  return (rules ?? []).every((rule) => matchesUrlRule(rule, url))
}
