// <TouchloopProvider> and the hooks. Nothing here touches window or document during render: the
// instance is created in an effect, which React never runs on the server.
import {
  createTouchloop,
  type Touchloop,
  TouchloopConfigError,
  type TouchloopEventName,
  type TouchloopEvents,
  type TouchloopOptions,
} from '@touchloop/core'
import { createContext, createElement, type ReactNode, useContext, useEffect, useRef, useState } from 'react'
import { type AttachableHandle, createTouchloopHandle, type TouchloopHandle } from './handle'

const TouchloopContext = createContext<AttachableHandle | null>(null)

export interface TouchloopProviderProps {
  /** Options of createTouchloop(), read once when the provider mounts in the browser. */
  options?: TouchloopOptions
  /** Or an instance you created yourself (shared with code outside React): used as is, never destroyed here. */
  client?: Touchloop
  children?: ReactNode
}

export function TouchloopProvider({ options, client, children }: TouchloopProviderProps) {
  const [handle] = useState(createTouchloopHandle)
  // Options are read once: an inline object literal is a new object on every render.
  const optionsRef = useRef(options)
  useEffect(() => {
    const instance = client ?? createTouchloop(optionsRef.current ?? {})
    handle.attach(instance)
    return () => {
      handle.detach()
      if (!client) instance.destroy()
    }
  }, [client, handle])
  return createElement(TouchloopContext.Provider, { value: handle }, children)
}

/** The touchloop API (track, identify, show, on, flush, …) of the nearest <TouchloopProvider>. */
export function useTouchloop(): TouchloopHandle {
  const handle = useContext(TouchloopContext)
  if (!handle) {
    throw new TouchloopConfigError(
      'react/no-provider',
      'useTouchloop() was called outside a <TouchloopProvider>: wrap your app in <TouchloopProvider options={…}>.',
    )
  }
  return handle
}

/** Subscribes to a touchloop event for the lifetime of the component (the latest callback is called). */
export function useTouchloopEvent<E extends TouchloopEventName>(
  event: E,
  callback: (payload: TouchloopEvents[E]) => void,
): void {
  const touchloop = useTouchloop()
  const latest = useRef(callback)
  latest.current = callback
  useEffect(() => touchloop.on(event, (payload) => latest.current(payload)), [touchloop, event])
}
