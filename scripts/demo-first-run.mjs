// What makes `pnpm demo` pleasant on a first run, kept apart from demo.mjs (which wires the servers):
// a quiet build (its output only on failure), busy ports named with the variable that moves them,
// and a clean Ctrl-C.
import { spawn } from 'node:child_process'
import { createServer } from 'node:net'

/** Runs the workspace build with its output held back; prints it only if the build fails. */
export function buildQuietly(root) {
  // Under `pnpm demo`, npm_execpath is pnpm itself; run directly (`node scripts/demo.mjs`), npx fetches it.
  const pnpm = process.env.npm_execpath
  const [command, args] =
    pnpm && /pnpm/.test(pnpm) ? [process.execPath, [pnpm, 'run', 'build']] : ['npx', ['-y', 'pnpm@10', 'run', 'build']]
  process.stdout.write('demo: building the packages (a minute on a first run)… ')
  const started = Date.now()
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, FORCE_COLOR: '0' },
    })
    let output = ''
    child.stdout.on('data', (chunk) => {
      output += chunk
    })
    child.stderr.on('data', (chunk) => {
      output += chunk
    })
    child.on('close', (code) => {
      if (code === 0) {
        console.log(`done in ${Math.round((Date.now() - started) / 1000)} s.`)
        return resolve()
      }
      console.log('failed:\n')
      console.error(output)
      console.error(`demo: the build failed (exit code ${code}); its output is above.`)
      process.exit(1)
    })
  })
}

/** The message for a port someone else holds, naming the variable that picks another. */
export function busyPortMessage({ port, what, variable }) {
  return `demo: port ${port} (${what}) is already in use, perhaps by another demo or collector still running.
  Stop that one, or pick another port: ${variable}=${port + 1} npx -y pnpm@10 demo`
}

/** Resolves when every port is free on host; exits with busyPortMessage for the first that is not. */
export async function assertPortsFree(host, ports) {
  for (const entry of ports) {
    const free = await new Promise((resolve, reject) => {
      const probe = createServer()
      probe.once('error', (error) => (error.code === 'EADDRINUSE' ? resolve(false) : reject(error)))
      probe.listen(entry.port, host, () => probe.close(() => resolve(true)))
    })
    if (!free) {
      console.error(busyPortMessage(entry))
      process.exit(1)
    }
  }
}

/** Runs stop() on Ctrl-C or SIGTERM, once, then exits 0 (so pnpm reports no failure). */
export function stopOnSignals(stop) {
  let stopping = false
  const onSignal = async () => {
    if (stopping) return
    stopping = true
    console.log('\ndemo: stopping…')
    await stop()
    console.log('demo: stopped.')
    process.exit(0)
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
}
