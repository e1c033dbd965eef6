// The dashboard's server side: the built app (dist/dashboard, from src/dashboard-app) read once from
// disk, its Content-Security-Policy, and the server-rendered sign-in form (no script at all).
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { extname, join } from 'node:path'
import { html, SafeHtml } from './html'

/** The app: scripts and styles from this origin only, JSON from this origin only. */
export const APP_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
/** The sign-in page: no script at all; its one inline stylesheet. */
export const LOGIN_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

export interface DashboardBundle {
  index: string
  /** file name → [content type, bytes] (names carry a content hash: cached for a year). */
  assets: Map<string, { type: string; body: Uint8Array }>
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
}

/** dist/dashboard next to the bundled index.js, or the package's dist/ when running from src/ (tests). */
export function loadDashboardBundle(here = import.meta.dirname): DashboardBundle | undefined {
  const dir = [join(here, 'dashboard'), join(here, '../dist/dashboard'), join(here, '../../dist/dashboard')].find(
    (candidate) => existsSync(join(candidate, 'index.html')),
  )
  if (!dir) return undefined
  const assets = new Map<string, { type: string; body: Uint8Array }>()
  const assetDir = join(dir, 'assets')
  if (existsSync(assetDir)) {
    for (const name of readdirSync(assetDir)) {
      const type = TYPES[extname(name)]
      if (type) assets.set(name, { type, body: readFileSync(join(assetDir, name)) })
    }
  }
  return { index: readFileSync(join(dir, 'index.html'), 'utf8'), assets }
}

const STYLE = `
  :root { color-scheme: light dark; --bg: #f6f7f9; --card: #fff; --fg: #14171f; --muted: #555d6e; --line: #dfe3ea; --accent: #3346d3; --accent-fg: #fff; --bad: #b3261e;
    font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; }
  @media (prefers-color-scheme: dark) { :root { --bg: #0f1117; --card: #181b24; --fg: #e8eaf0; --muted: #a3aabb; --line: #2c3140; --accent: #8e9bff; --accent-fg: #0f1117; --bad: #ffb4ab; } }
  body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: var(--bg); color: var(--fg); }
  main { width: min(24rem, calc(100vw - 2rem)); background: var(--card); border: 1px solid var(--line); border-radius: 16px; padding: 2rem; box-sizing: border-box; }
  h1 { font-size: 1.35rem; margin: 0 0 .25rem; } p.lede { color: var(--muted); margin: 0 0 1.5rem; }
  label { display: block; font-weight: 600; margin-bottom: .35rem; }
  input { width: 100%; box-sizing: border-box; font: inherit; padding: .6rem .75rem; border: 1px solid var(--muted); border-radius: 10px; background: transparent; color: inherit; }
  button { margin-top: 1rem; width: 100%; font: inherit; font-weight: 600; padding: .65rem; border: 0; border-radius: 10px; background: var(--accent); color: var(--accent-fg); cursor: pointer; }
  :focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
  [role=alert] { color: var(--bad); margin: .75rem 0 0; }
`

export function renderLogin(error?: string): string {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in · touchloop</title><style>${new SafeHtml(STYLE)}</style></head>
<body><main><h1>touchloop</h1><p class="lede">Sign in to see what your customers tell you.</p>
<form method="post" action="/login">
<label for="token">Admin token</label><input id="token" name="token" type="password" autocomplete="current-password" required>
${error ? html`<p role="alert">${error}</p>` : ''}
<button type="submit">Sign in</button></form></main></body></html>`.value
}

export function renderNotBuilt(): string {
  return html`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>touchloop</title></head>
<body><main><h1>The dashboard is not built</h1><p>Run <code>npx -y pnpm@10 run build</code> (the collector package builds it into dist/dashboard).</p></main></body></html>`
    .value
}
