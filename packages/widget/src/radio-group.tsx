/** @jsxRuntime classic */
/** @jsx h */
// A radiogroup with roving tabindex: one Tab stop, arrow keys move and select (mirrored in RTL),
// Home/End jump. Buttons with role="radio" so the same code serves scales and single choice.
import type { ComponentChildren } from 'preact'
// biome-ignore lint/correctness/noUnusedImports: h is the classic JSX factory named in the file header
import { h } from './dom'

export interface RadioOption {
  value: string | number
  content: ComponentChildren
  className?: string
}

export interface RadioGroupProps {
  options: RadioOption[]
  value: unknown
  onChange(value: string | number): void
  labelledBy: string
  describedBy?: string
  className: string
  rtl: boolean
  required?: boolean
}

const STEP: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }

export function RadioGroup(props: RadioGroupProps) {
  const { options, value } = props
  const selected = options.findIndex((option) => option.value === value)
  const onKeyDown = (event: KeyboardEvent) => {
    const buttons = [...(event.currentTarget as HTMLElement).children] as HTMLElement[]
    const index = buttons.indexOf(event.target as HTMLElement)
    if (index < 0) return
    let next: number
    if (event.key === 'Home') next = 0
    else if (event.key === 'End') next = buttons.length - 1
    else if (STEP[event.key]) {
      // Left/Right follow what the eye sees: in RTL the first option is on the right.
      const horizontal = event.key === 'ArrowLeft' || event.key === 'ArrowRight'
      const step = STEP[event.key]! * (props.rtl && horizontal ? -1 : 1)
      next = (index + step + buttons.length) % buttons.length
    } else return
    event.preventDefault()
    props.onChange(options[next]!.value)
    buttons[next]!.focus()
  }
  return (
    <div
      role="radiogroup"
      class={props.className}
      part="options"
      aria-labelledby={props.labelledBy}
      aria-describedby={props.describedBy}
      aria-required={props.required ? 'true' : undefined}
      onKeyDown={onKeyDown}
    >
      {options.map((option, index) => (
        // biome-ignore lint/a11y/useSemanticElements: styled option buttons with role="radio" give one roving-tabindex implementation for scales and choices
        <button
          key={option.value}
          type="button"
          role="radio"
          class={option.className}
          part="option"
          aria-checked={index === selected ? 'true' : 'false'}
          tabIndex={index === selected || (selected < 0 && index === 0) ? 0 : -1}
          onClick={() => props.onChange(option.value)}
        >
          {option.content}
        </button>
      ))}
    </div>
  )
}
