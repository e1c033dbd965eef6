// A tiny static file server on 127.0.0.1 for browser tests: mounts folders under URL prefixes.
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize } from 'node:path'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
}

export interface StaticServer {
  url: string
  server: Server
  /** The file a URL path maps to (or undefined): lets tests serve the same files through page.route(). */
  resolve(pathname: string): { file: string; contentType: string } | undefined
  close(): Promise<void>
}

export function staticResolver(mounts: Record<string, string>) {
  const prefixes = Object.keys(mounts).sort((a, b) => b.length - a.length)
  return (pathname: string): { file: string; contentType: string } | undefined | 'forbidden' => {
    const prefix = prefixes.find((p) => pathname.startsWith(p))
    if (!prefix) return undefined
    const root = mounts[prefix]!
    let file = normalize(join(root, pathname.slice(prefix.length)))
    if (!file.startsWith(normalize(root))) return 'forbidden'
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html')
    if (!existsSync(file)) return undefined
    return { file, contentType: TYPES[extname(file)] ?? 'application/octet-stream' }
  }
}

/** mounts: URL prefix ('/', '/touchloop/') -> folder on disk. Longest prefix wins. */
export async function serveStatic(mounts: Record<string, string>, port = 0, host = '127.0.0.1'): Promise<StaticServer> {
  const resolveFile = staticResolver(mounts)
  const server = createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
    const found = resolveFile(pathname)
    if (found === 'forbidden') return void res.writeHead(403).end()
    if (!found) return void res.writeHead(404).end('not found')
    res.writeHead(200, { 'content-type': found.contentType, 'cache-control': 'no-store' })
    createReadStream(found.file).pipe(res)
  })
  await new Promise<void>((resolve) => server.listen(port, host, resolve))
  const { port: actual } = server.address() as AddressInfo
  return {
    url: `http://${host}:${actual}`,
    server,
    resolve: (pathname) => {
      const found = resolveFile(pathname)
      return found === 'forbidden' ? undefined : found
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

export function readStatic(found: { file: string }): Buffer {
  return readFileSync(found.file)
}
