// Keeps a bottom sheet above the on-screen keyboard. iOS Safari and Chrome on Android shrink the
// *visual* viewport when the keyboard opens while position:fixed stays on the layout viewport, so
// the sheet would hide behind the keyboard. The gap between the two becomes --tl-kb.

export function watchKeyboardOffset(setVar: (name: string, value: string) => void): () => void {
  const viewport = typeof window === 'undefined' ? undefined : window.visualViewport
  if (!viewport) return () => {}
  let last = ''
  const update = () => {
    const offset = Math.max(0, Math.round(window.innerHeight - viewport.height - viewport.offsetTop))
    const value = `${offset}px`
    if (value === last) return
    last = value
    setVar('--tl-kb', value)
  }
  update()
  viewport.addEventListener('resize', update)
  viewport.addEventListener('scroll', update)
  return () => {
    viewport.removeEventListener('resize', update)
    viewport.removeEventListener('scroll', update)
  }
}
