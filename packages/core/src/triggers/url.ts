// URL rules of page-view touchpoints. Rules match the full URL (`https://shop.test/cart?x=1`);
// a rule value starting with "/" is matched against the path + query + hash instead, so
// `{ op: 'startsWith', value: '/checkout' }` works on every origin.
import type { UrlRule } from '../model'

const regexCache = new Map<string, RegExp | null>()

function compile(source: string, flags = ''): RegExp | null {
  const key = `${flags}/${source}`
  let regex = regexCache.get(key)
  if (regex === undefined) {
    try {
      regex = new RegExp(source, flags)
    } catch {
      regex = null
    }
    regexCache.set(key, regex)
  }
  return regex
}

/** `*` matches within a path segment, `**` across segments, `?` one character. */
export function globToRegExp(glob: string): RegExp | null {
  let source = ''
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i] as string
    if (char === '*') {
      if (glob[i + 1] === '*') {
        source += '.*'
        i++
      } else source += '[^/]*'
    } else if (char === '?') source += '[^/]'
    else source += char.replace(/[.+^${}()|[\]\\/]/g, '\\$&')
  }
  return compile(`^${source}$`)
}

function pathOf(url: string): string {
  try {
    const parsed = new URL(url)
    return parsed.pathname + parsed.search + parsed.hash
  } catch {
    return url
  }
}

function testRule(rule: UrlRule, url: string): boolean {
  const subject = rule.value.startsWith('/') ? pathOf(url) : url
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
      return compile(rule.value)?.test(url) ?? false
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
