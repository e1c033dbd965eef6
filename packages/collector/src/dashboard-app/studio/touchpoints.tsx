// Touchpoints: when the survey becomes due. Events (with property filters and "the nth time") and page
// views, clicks, exit intent, scroll, dwell and visits, each with URL rules and a tester that runs core's own
// URL matcher, a delay, a per-touchpoint cap.
import type { Touchpoint, UrlRule } from '@touchloop/core'
import { useState } from 'preact/hooks'
// Core's own URL matcher, from its source: it is not part of core's public API (each export costs page-load
// bytes), and Vite bundles the dashboard from the workspace's sources anyway.
import { matchesUrl, matchesUrlRule } from '../../../../core/src/triggers/url'
import { type Path, propertyValue } from './draft'
import { CheckField, FieldErrors, fieldId, ItemButtons, NumberField, SelectField, TextField, useEditor } from './fields'

const PROPERTY_OPS = [
  ['eq', 'is'],
  ['neq', 'is not'],
  ['contains', 'contains'],
  ['gt', 'is greater than'],
  ['gte', 'is at least'],
  ['lt', 'is less than'],
  ['lte', 'is at most'],
  ['exists', 'is set'],
  ['notExists', 'is not set'],
] as const
const URL_OPS = [
  ['contains', 'contains'],
  ['exact', 'is exactly'],
  ['startsWith', 'starts with'],
  ['endsWith', 'ends with'],
  ['glob', 'matches the pattern (* and **)'],
  ['regex', 'matches the regular expression'],
] as const
const TYPES = [
  ['event', 'An event your app tracks'],
  ['pageview', 'A page view'],
  ['click', 'A click on an element'],
  ['exitIntent', 'Exit intent (the pointer leaves the page)'],
  ['scroll', 'Scrolling down the page'],
  ['dwell', 'Time on the page'],
  ['visits', 'A number of visits'],
] as const

/** What a touchpoint of `type` needs besides the fields every type has. */
const REQUIRED: Record<string, Record<string, unknown>> = {
  event: { event: '' },
  click: { selector: '' },
  scroll: { percent: 50 },
  dwell: { seconds: 30 },
  visits: { count: 3 },
}
const COMMON_KEYS = ['name', 'delaySeconds', 'cancelOn', 'url', 'cap']

/** Conditions on properties (an event's, or a person's traits), all of which must hold. */
export function PropertyFilters(props: {
  base: Path
  where: { prop: string; op: string; value?: unknown }[]
  legend: string
  noun: string
}) {
  const { set } = useEditor()
  const { base, where } = props
  return (
    <fieldset class="sub">
      <legend>{props.legend}</legend>
      {where.map((filter, n) => {
        const valueId = fieldId([...base, n, 'value'])
        return (
          <div class="item-row" key={n}>
            <TextField label="Property" path={[...base, n, 'prop']} class="grow" />
            <SelectField
              label="Test"
              path={[...base, n, 'op']}
              options={PROPERTY_OPS}
              onChange={(op) =>
                set([...base, n], { ...filter, op, value: propertyValue(String(filter.value ?? ''), op) })
              }
            />
            {filter.op !== 'exists' && filter.op !== 'notExists' && (
              <div class="field grow">
                <label for={valueId}>Value</label>
                <input
                  id={valueId}
                  type="text"
                  value={filter.value === undefined ? '' : String(filter.value)}
                  onInput={(e) => set([...base, n, 'value'], propertyValue(e.currentTarget.value, filter.op))}
                />
                <FieldErrors path={[...base, n, 'value']} />
              </div>
            )}
            <ItemButtons noun={props.noun} index={n} count={where.length} list={base} />
          </div>
        )
      })}
      <div class="actions">
        <button
          type="button"
          class="button small ghost"
          onClick={() => set([...base, where.length], { prop: '', op: 'eq', value: '' })}
        >
          Add a {props.noun}
        </button>
      </div>
    </fieldset>
  )
}

/** "Does this URL match?": every rule of the touchpoint, checked by the SDK's own matcher. */
function UrlTester(props: { rules: UrlRule[]; index: number }) {
  const [url, setUrl] = useState('')
  const id = `url-test-${props.index}`
  let verdict: { ok: boolean; text: string } | undefined
  if (url.trim() !== '') {
    let absolute = true
    try {
      new URL(url)
    } catch {
      absolute = false
    }
    if (!absolute) verdict = { ok: false, text: 'Enter a full address, starting with https://' }
    else {
      const valid = props.rules.filter((rule) => typeof rule?.value === 'string')
      const failing = valid.findIndex((rule) => !matchesUrlRule(rule, url))
      verdict = matchesUrl(valid, url)
        ? { ok: true, text: 'Matches: the survey can show on this page.' }
        : { ok: false, text: `Does not match: rule ${failing + 1} does not hold.` }
    }
  }
  return (
    <div class="field url-tester">
      <label for={id}>Does this URL match?</label>
      <input
        id={id}
        type="url"
        placeholder="https://example.com/pricing?plan=pro"
        value={url}
        onInput={(e) => setUrl(e.currentTarget.value)}
      />
      <p class={verdict ? (verdict.ok ? 'ok' : 'error') : 'hint'} aria-live="polite">
        {verdict?.text ?? 'Type a page address to test the rules.'}
      </p>
    </div>
  )
}

function UrlRules(props: { base: Path; rules: UrlRule[]; index: number }) {
  const { set } = useEditor()
  const { base, rules } = props
  return (
    <fieldset class="sub">
      <legend>On pages whose address (all rules hold)</legend>
      {rules.map((_rule, n) => (
        <div class="item-row" key={n}>
          <SelectField label="Address" path={[...base, n, 'op']} options={URL_OPS} />
          <TextField label="Text" path={[...base, n, 'value']} class="grow" placeholder="/pricing" />
          <CheckField label="Not" path={[...base, n, 'not']} />
          <ItemButtons noun="URL rule" index={n} count={rules.length} list={base} />
        </div>
      ))}
      <div class="actions">
        <button
          type="button"
          class="button small ghost"
          onClick={() => set([...base, rules.length], { op: 'contains', value: '' })}
        >
          Add a URL rule
        </button>
      </div>
      <UrlTester rules={rules} index={props.index} />
    </fieldset>
  )
}

function TouchpointCard(props: { index: number; touchpoints: Touchpoint[] }) {
  const { set } = useEditor()
  const { index, touchpoints } = props
  const touchpoint = touchpoints[index] as Touchpoint
  const at = (...rest: (string | number)[]): Path => ['touchpoints', index, ...rest]
  return (
    <li class="card question-card">
      <div class="card-head">
        <h3>Touchpoint {index + 1}</h3>
        <ItemButtons noun="touchpoint" index={index} count={touchpoints.length} list={['touchpoints']} />
      </div>
      <SelectField
        label="Show the survey after"
        path={at('type')}
        options={TYPES}
        onChange={(type) => {
          // The fields every type has stay; the old type's own fields go.
          const common = Object.fromEntries(Object.entries(touchpoint).filter(([key]) => COMMON_KEYS.includes(key)))
          set(at(), { type, ...REQUIRED[type], ...common })
        }}
      />
      {touchpoint.type === 'click' && (
        <TextField label="CSS selector of the element" path={at('selector')} placeholder="#upgrade-button" />
      )}
      {touchpoint.type === 'scroll' && (
        <NumberField label="Scrolled down (% of the page)" path={at('percent')} min={1} max={100} />
      )}
      {touchpoint.type === 'dwell' && <NumberField label="Seconds on the page" path={at('seconds')} min={0} />}
      {touchpoint.type === 'visits' && (
        <div class="grid-2">
          <NumberField label="Number of visits" path={at('count')} min={1} step={1} />
          <SelectField
            label="Counted per"
            path={at('per')}
            empty="Default (visit)"
            options={[
              ['visit', 'Visit'],
              ['session', 'Session'],
            ]}
          />
        </div>
      )}
      {touchpoint.type === 'event' && (
        <>
          <div class="grid-2">
            <TextField label="Event name" path={at('event')} placeholder="checkout_completed" />
            <NumberField label="Only the nth time (optional)" path={at('nth')} min={1} step={1} />
          </div>
          <PropertyFilters
            base={at('where')}
            where={(touchpoint.where as never[]) ?? []}
            legend="Only when the event’s properties match (all of them)"
            noun="property filter"
          />
        </>
      )}
      <UrlRules base={at('url')} rules={touchpoint.url ?? []} index={index} />
      <div class="grid-3">
        <TextField label="Name in reports (optional)" path={at('name')} optional />
        <NumberField label="Wait before showing (seconds)" path={at('delaySeconds')} min={0} />
        <NumberField label="At most this many times per person" path={at('cap')} min={1} step={1} />
      </div>
      <FieldErrors path={at()} />
    </li>
  )
}

export function TouchpointsEditor() {
  const { draft, set } = useEditor()
  const touchpoints = (draft.touchpoints as Touchpoint[] | undefined) ?? []
  return (
    <section class="stack" aria-labelledby="touchpoints-title">
      <h2 id="touchpoints-title">Where and when it appears</h2>
      <FieldErrors path={['touchpoints']} />
      {touchpoints.length === 0 && (
        <p class="hint">No touchpoint: the survey shows only when your code calls show().</p>
      )}
      <ol class="question-list">
        {touchpoints.map((_touchpoint, index) => (
          <TouchpointCard key={index} index={index} touchpoints={touchpoints} />
        ))}
      </ol>
      <div class="actions">
        <button
          type="button"
          class="button ghost"
          onClick={() => set(['touchpoints', touchpoints.length], { type: 'event', event: '' })}
        >
          Add a touchpoint
        </button>
      </div>
    </section>
  )
}
