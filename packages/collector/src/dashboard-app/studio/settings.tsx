// Endings (with an optional call to action), and who sees the survey how often and how: sampling,
// display limit, recontact, priority, presentation.
import type { Ending } from '@touchloop/core'
import { useState } from 'preact/hooks'
import { freshId, getIn, type Path } from './draft'
import { CheckField, FieldErrors, ItemButtons, NumberField, SelectField, TextField, useEditor } from './fields'
import { PropertyFilters } from './touchpoints'

export function EndingsEditor() {
  const { draft, set } = useEditor()
  const endings = (draft.endings as Ending[] | undefined) ?? []
  return (
    <section class="stack" aria-labelledby="endings-title">
      <h2 id="endings-title">Endings</h2>
      <FieldErrors path={['endings']} />
      <ol class="question-list">
        {endings.map((ending, index) => {
          const at = (...rest: (string | number)[]): Path => ['endings', index, ...rest]
          return (
            <li class="card question-card" key={index}>
              <div class="card-head">
                <h3>Ending {index + 1}</h3>
                <ItemButtons noun="ending" index={index} count={endings.length} list={['endings']} />
              </div>
              {ending.if && <p class="hint">Shown only under a condition: edit it in JSON.</p>}
              <TextField label="Title" path={at('title')} />
              <TextField label="Text (optional)" path={at('text')} optional multiline />
              <div class="grid-2">
                <TextField
                  label="Button text (optional)"
                  path={at('cta', 'text')}
                  optional
                  also={[at('cta')]}
                  hint="With a link, the ending shows a button."
                />
                <TextField label="Button link (https://…)" path={at('cta', 'url')} optional />
              </div>
              <FieldErrors path={at()} />
            </li>
          )
        })}
      </ol>
      <div class="actions">
        <button
          type="button"
          class="button ghost"
          onClick={() =>
            set(['endings', endings.length], {
              id: freshId(
                'ending',
                endings.map((ending) => ending.id),
              ),
              title: 'Thank you!',
            })
          }
        >
          Add an ending
        </button>
      </div>
    </section>
  )
}

const DISPLAY_LIMITS = [
  ['once', 'Once per person'],
  ['untilAnswered', 'Until the person answers'],
  ['count', 'A number of times'],
] as const

const DEVICES = [
  ['mobile', 'Phones'],
  ['tablet', 'Tablets'],
  ['desktop', 'Computers'],
] as const

export function AudienceEditor() {
  const { draft, set } = useEditor()
  const limit = getIn(draft, ['fatigue', 'displayLimit'])
  const devices = (getIn(draft, ['audience', 'devices']) as string[] | undefined) ?? []
  // The text as typed (a trailing comma stays while typing); the survey holds the parsed list.
  const [locales, setLocales] = useState(() =>
    ((getIn(draft, ['audience', 'locales']) as string[] | undefined) ?? []).join(', '),
  )
  return (
    <section class="card stack" aria-labelledby="audience-title">
      <h2 id="audience-title">Who sees it, how often, how</h2>
      <div class="grid-3">
        <NumberField
          label="Share of people who may see it (%)"
          path={['sample']}
          min={0}
          max={100}
          scale={100}
          hint="Empty: everyone. Stable per person."
        />
        <SelectField
          label="Show it"
          path={['fatigue', 'displayLimit']}
          options={DISPLAY_LIMITS}
          value={typeof limit === 'number' ? 'count' : undefined}
          empty="Default (once per person)"
          onChange={(value) =>
            set(['fatigue', 'displayLimit'], value === '' ? undefined : value === 'count' ? 3 : value)
          }
        />
        {typeof limit === 'number' && (
          <NumberField
            label="Times at most"
            path={['fatigue', 'displayLimit']}
            id="f-fatigue_displayLimit_count"
            min={1}
            step={1}
          />
        )}
        <NumberField
          label="Days before showing it again"
          path={['fatigue', 'recontactDays']}
          min={0}
          hint="Recontact period for the same person."
        />
        <NumberField
          label="Priority"
          path={['priority']}
          step={1}
          hint="Higher first when several surveys are due. Default 0."
        />
        <SelectField
          label="Presentation"
          path={['presentation', 'mode']}
          empty="Default (popover)"
          options={[
            ['popover', 'Popover in a corner'],
            ['sheet', 'Sheet from the bottom'],
            ['tab', 'Feedback tab'],
            ['inline', 'Inline in the page'],
          ]}
        />
        <SelectField
          label="Position"
          path={['presentation', 'position']}
          empty="Default (bottom right)"
          options={[
            ['bottom-right', 'Bottom right'],
            ['bottom-left', 'Bottom left'],
            ['top-right', 'Top right'],
            ['top-left', 'Top left'],
            ['center', 'Center'],
          ]}
        />
      </div>
      <fieldset class="sub">
        <legend>Only on</legend>
        <div class="preview-toggles">
          {DEVICES.map(([device, label]) => (
            <label class="check" key={device}>
              <input
                type="checkbox"
                checked={devices.includes(device)}
                onChange={(e) => {
                  const next = e.currentTarget.checked ? [...devices, device] : devices.filter((d) => d !== device)
                  set(['audience', 'devices'], next.length > 0 ? next : undefined)
                }}
              />
              {label}
            </label>
          ))}
        </div>
        <p class="hint">None checked: every device.</p>
        <FieldErrors path={['audience', 'devices']} />
      </fieldset>
      <CheckField label="Only people who are signed in (identified)" path={['audience', 'identified']} />
      <div class="field">
        <label for="audience-locales">Only people whose language is (optional)</label>
        <input
          id="audience-locales"
          type="text"
          placeholder="en, de, fr-CA"
          value={locales}
          onInput={(e) => {
            const next = e.currentTarget.value
            setLocales(next)
            const tags = next
              .split(',')
              .map((tag) => tag.trim())
              .filter(Boolean)
            set(['audience', 'locales'], tags.length > 0 ? tags : undefined)
          }}
        />
        <FieldErrors path={['audience', 'locales']} />
      </div>
      <PropertyFilters
        base={['audience', 'traits']}
        where={(getIn(draft, ['audience', 'traits']) as never[]) ?? []}
        legend="Only people whose traits match (all of them; from identify())"
        noun="trait filter"
      />
      <CheckField
        label="Show it even during the quiet period after another survey"
        path={['fatigue', 'ignoreGlobalQuietPeriod']}
      />
      <FieldErrors path={['fatigue']} also={[['presentation'], ['audience']]} />
    </section>
  )
}
