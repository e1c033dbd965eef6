import { assertChromium } from './browser'

// Browser tests never skip: without Chromium the whole e2e project fails at once, saying what to install.
export default function setup(): void {
  assertChromium()
}
