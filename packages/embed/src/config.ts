// The script tag's configuration: `touchloop('init', {...})` (queued by the stub) merged over the
// data-* attributes of the <script> tag itself.
import { TouchloopConfigError, type TouchloopOptions } from '@touchloop/core'

export interface EmbedConfig extends Omit<TouchloopOptions, 'transports' | 'widget'> {
  /** Base URL of a touchloop collector; answers go to `${collector}/v1/responses`. */
  collector?: string
  /** The site's public write key on the collector (`--write-key` there). */
  writeKey?: string
  /** Full URL to POST answers to (instead of `collector`). */
  endpoint?: string
  /** CORS-simple requests (text/plain, no preflight). */
  simple?: boolean
  /** The widget module's URL; default: the content-hashed widget file of touchloop.js's own version. */
  widgetUrl?: string
}

/**
 * data-collector, data-write-key, data-endpoint, data-surveys-url (remote config), data-locale, data-simple,
 * data-debug, data-consent ("pending").
 */
export function configFromAttributes(script: HTMLScriptElement | null): EmbedConfig {
  const data = script?.dataset ?? {}
  const config: EmbedConfig = {}
  if (data.collector) config.collector = data.collector
  if (data.writeKey) config.writeKey = data.writeKey
  if (data.endpoint) config.endpoint = data.endpoint
  if (data.surveysUrl) config.remoteConfig = { url: data.surveysUrl }
  if (data.locale) config.locale = data.locale
  if (data.simple !== undefined) config.simple = data.simple !== 'false'
  if (data.debug !== undefined) config.debug = data.debug !== 'false'
  if (data.consent === 'pending') config.consent = 'pending'
  return config
}

/** The POST URL, resolved against the page. */
export function endpointOf(config: EmbedConfig, base: string): string {
  if (config.endpoint) return new URL(config.endpoint, base).href
  if (config.collector) return new URL('v1/responses', new URL(config.collector, base).href.replace(/\/?$/, '/')).href
  throw new TouchloopConfigError(
    'embed/no-collector',
    'touchloop: no collector to send answers to. Add data-collector="https://feedback.example.com" to the touchloop.js script tag, or call touchloop(\'init\', { collector: "https://feedback.example.com" }) in the snippet.',
  )
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
