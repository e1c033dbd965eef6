// Checks the packed tarballs as npm would publish them: publint (package.json vs. the files shipped),
// @arethetypeswrong/cli (types resolve under node10, node16/nodenext from ESM, and bundler; the
// strict profile except "cjs-resolves-to-esm": the packages ship no CommonJS build), and that publishConfig.exports
// names the same subpaths as the workspace's exports (which carry the workspace-only "source" condition).
//
// Usage: node scripts/check-packages.mjs [tarball-dir]   (default: packs every package first)
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { publint } from 'publint'
import { formatMessage } from 'publint/utils'
import { packAll, publishedPackages, ROOT } from './pack.mjs'

let failures = 0
const fail = (message) => {
  failures++
  console.error(`FAIL ${message}`)
}

for (const { manifest } of publishedPackages()) {
  const workspace = Object.keys(manifest.exports ?? {}).sort()
  const published = Object.keys(manifest.publishConfig?.exports ?? {}).sort()
  if (JSON.stringify(workspace) !== JSON.stringify(published)) {
    fail(
      `${manifest.name}: "exports" has ${workspace.join(', ')} but "publishConfig.exports" (what ships) has ${published.join(', ')}: add the new subpath to both`,
    )
  }
}

const packed = packAll()
for (const { name, tarball } of packed) {
  const bytes = readFileSync(tarball)
  const pkg = JSON.parse(
    execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8', maxBuffer: 1 << 24 }),
  )
  const { messages } = await publint({
    pack: { tarball: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) },
    level: 'suggestion',
    strict: true,
  })
  for (const message of messages) fail(`${name} (publint ${message.type}): ${formatMessage(message, pkg)}`)

  try {
    execFileSync(join(ROOT, 'node_modules/.bin/attw'), [tarball, '--profile', 'esm-only', '--format', 'ascii'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    })
  } catch (error) {
    fail(`${name} (arethetypeswrong):\n${error.stdout}${error.stderr}`)
    continue
  }
  console.log(`ok   ${name}: publint and arethetypeswrong clean (${(bytes.length / 1000).toFixed(1)} kB packed)`)
}

console.log(`check-packages: ${packed.length} tarballs checked, ${failures} problems`)
if (failures > 0) process.exit(1)
