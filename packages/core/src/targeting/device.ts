// Device class from the viewport and the pointer, not the user agent string (which lies and is
// being frozen). Coarse pointer + short side < 600 px is a phone; coarse pointer otherwise a tablet.
export type DeviceClass = 'mobile' | 'tablet' | 'desktop'

export interface DeviceHints {
  width: number
  height: number
  coarsePointer: boolean
}

export function classifyDevice({ width, height, coarsePointer }: DeviceHints): DeviceClass {
  const shortSide = Math.min(width, height)
  if (coarsePointer) return shortSide < 600 ? 'mobile' : 'tablet'
  return width < 600 ? 'mobile' : 'desktop'
}

export function detectDevice(): DeviceClass {
  if (typeof window === 'undefined') return 'desktop'
  const coarsePointer = typeof window.matchMedia === 'function' && window.matchMedia('(pointer: coarse)').matches
  return classifyDevice({ width: window.innerWidth, height: window.innerHeight, coarsePointer })
}
