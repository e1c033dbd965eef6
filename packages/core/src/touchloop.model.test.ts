// A model test of the display rules: random sequences of events, time passing, answers, dismissals
// and page reloads, checked against the invariants the product promises. fast-check shrinks any
// failure to the shortest sequence that breaks one.
import fc from 'fast-check'
import { describe, expect, it, vi } from 'vitest'
import type { Survey } from './model'
import { recordingTransport, scriptedWidget, settle } from './test-support/harness'
import { createTestEnv } from './test-support/test-env'
import { createTouchloop } from './touchloop'
import type { SurveyRenderContext } from './widget-contract'

const DAY = 24 * 60 * 60 * 1000
const QUIET_DAYS = 3
const SESSION_CAP = 2

const surveys: Survey[] = [
  {
    id: 'once',
    priority: 3,
    fatigue: { displayLimit: 'once' },
    touchpoints: [{ type: 'event', event: 'a' }],
    questions: [{ id: 'q', type: 'nps', text: 'x' }],
  },
  {
    id: 'twice',
    priority: 2,
    fatigue: { displayLimit: 2, recontactDays: 5 },
    touchpoints: [{ type: 'event', event: 'b' }],
    questions: [{ id: 'q', type: 'nps', text: 'x' }],
  },
  {
    id: 'until-answered',
    priority: 1,
    fatigue: { displayLimit: 'untilAnswered', ignoreGlobalQuietPeriod: true },
    touchpoints: [
      { type: 'event', event: 'a' },
      { type: 'event', event: 'c' },
    ],
    questions: [{ id: 'q', type: 'nps', text: 'x' }],
  },
]

type Command =
  | { kind: 'track'; event: 'a' | 'b' | 'c' }
  | { kind: 'wait'; days: number }
  | { kind: 'answer' }
  | { kind: 'dismiss' }
  | { kind: 'reload' }

const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ kind: fc.constant('track' as const), event: fc.constantFrom('a' as const, 'b' as const, 'c' as const) }),
  fc.record({ kind: fc.constant('wait' as const), days: fc.integer({ min: 0, max: 8 }) }),
  fc.constant({ kind: 'answer' as const }),
  fc.constant({ kind: 'dismiss' as const }),
  fc.constant({ kind: 'reload' as const }),
)

let run = 0
let totalDisplays = 0

describe('display rules under random use', () => {
  it('never two at once; limits, recontact, quiet period, session cap and session cap always hold', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 25 }), async (commands) => {
        const env = createTestEnv()
        const storageKey = `model-${++run}`
        const displays: { surveyId: string; at: number; session: number }[] = []
        let answeredAtDisplay: number | undefined
        let open: SurveyRenderContext | undefined
        let session = 0
        let lastActivity = env.now()
        let instance: ReturnType<typeof createTouchloop> | undefined

        const start = () => {
          session++
          lastActivity = env.now()
          const widget = scriptedWidget()
          widget.loader.mockImplementation(async () => ({
            renderSurvey(context) {
              expect(open, 'two surveys on screen at once').toBeUndefined()
              open = context
              displays.push({ surveyId: context.survey.id, at: env.now(), session })
              context.onShown()
              return { close() {} }
            },
          }))
          instance = createTouchloop({
            surveys,
            widget: widget.loader,
            transports: [recordingTransport().transport],
            storageKey,
            env,
            quietPeriodDays: QUIET_DAYS,
            sessionCap: SESSION_CAP,
          })
        }
        start()
        for (const step of commands) {
          if (step.kind === 'track') {
            // The SDK's session rule: activity after 30 idle minutes starts a new session.
            if (env.now() - lastActivity > 30 * 60 * 1000) session++
            lastActivity = env.now()
            instance?.track(step.event)
          }
          if (step.kind === 'wait') env.advance(step.days * DAY)
          if (step.kind === 'answer' && open) {
            const current = open
            open = undefined
            await current.onAnswer({ questionId: 'q', value: 5 })
            if (current.survey.id === 'until-answered') answeredAtDisplay ??= displays.length
            current.onComplete()
          }
          if (step.kind === 'dismiss' && open) {
            const current = open
            open = undefined
            current.onDismiss('close')
          }
          if (step.kind === 'reload') {
            await instance?.flush()
            instance?.destroy()
            open = undefined
            env.advance(31 * 60 * 1000) // a new session
            start()
          }
          await instance?.flush()
          await settle(3)
        }
        instance?.destroy()
        totalDisplays += displays.length

        const count = (id: string) => displays.filter((d) => d.surveyId === id).length
        expect(count('once')).toBeLessThanOrEqual(1)
        expect(count('twice')).toBeLessThanOrEqual(2)
        const twice = displays.filter((d) => d.surveyId === 'twice')
        if (twice.length === 2) expect(twice[1]!.at - twice[0]!.at).toBeGreaterThanOrEqual(5 * DAY)
        // untilAnswered: never again once completed.
        if (answeredAtDisplay !== undefined) {
          expect(displays.slice(answeredAtDisplay).filter((d) => d.surveyId === 'until-answered')).toEqual([])
        }
        // The quiet period before every display, except of the survey that opts out of it.
        displays.forEach((display, i) => {
          if (i === 0 || display.surveyId === 'until-answered') return
          expect(display.at - displays[i - 1]!.at, 'quiet period since the last survey').toBeGreaterThanOrEqual(
            QUIET_DAYS * DAY,
          )
        })
        for (let s = 1; s <= session; s++) {
          expect(displays.filter((d) => d.session === s).length).toBeLessThanOrEqual(SESSION_CAP)
        }
      }),
      { numRuns: 120 },
    )
    expect(totalDisplays, 'the random runs showed surveys at all').toBeGreaterThan(20)
    warn.mockRestore()
  }, 120_000)
})
