export function buildDeliveryPage(): Promise<string>
export interface Harness {
  url: string
  /** Item key → how many times it reached the proxy. */
  received: Map<string, number>
  /** Item key → how many times the collector answered "stored" (not duplicate/superseded). */
  stored: Map<string, number>
  /** Every POST that reached the proxy, in order. */
  requests: Array<{ contentType: string; keys: string[] }>
  setMode(mode: 'pass' | 'hold' | 'blackhole'): void
  close(): Promise<void>
}
export function startHarness(options: { pageDir: string; collectorUrl: string; writeKey?: string }): Promise<Harness>
