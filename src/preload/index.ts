import { contextBridge, ipcRenderer } from 'electron'
import type { IpcRendererEvent } from 'electron'
import { CHANNEL_NAMES, EVENT_CHANNEL_PREFIX, EVENT_NAMES } from '../shared/contract/channel-names'
import { splitChannelName } from '../shared/contract/bridge-api'
import type { TokenDeskApi } from '../shared/contract/bridge-api'

// Builds `window.tokenDesk` from the contract's channel list: one fixed function per channel and an event
// subscription limited to the contract's event names. There is deliberately no generic `invoke(channel)`:
// a compromised renderer can reach exactly the calls listed in the contract and nothing else. Inputs are
// passed through untouched — main validates the sender frame and parses every input with zod.
// This file runs in a sandboxed preload, so it may import only 'electron' and dependency-free modules.

type Call = (input?: unknown) => Promise<unknown>

function buildGroups(): Record<string, Record<string, Call>> {
  const groups: Record<string, Record<string, Call>> = {}
  for (const channel of CHANNEL_NAMES) {
    const [group, method] = splitChannelName(channel)
    const target = (groups[group] ??= {})
    // Exactly one argument is forwarded, so extra arguments cannot smuggle anything into main.
    target[method] = (input?: unknown) => ipcRenderer.invoke(channel, input)
  }
  return groups
}

const knownEvents: ReadonlySet<string> = new Set(EVENT_NAMES)

function on(event: string, listener: (payload: unknown) => void): () => void {
  if (!knownEvents.has(event)) throw new TypeError(`Unknown TokenDesk event: ${String(event)}`)
  if (typeof listener !== 'function') throw new TypeError('TokenDesk event listener must be a function')
  const channel = EVENT_CHANNEL_PREFIX + event
  // Only the payload reaches the page; the IpcRendererEvent (with `sender`) must never leak.
  const forward = (_event: IpcRendererEvent, payload: unknown): void => listener(payload)
  ipcRenderer.on(channel, forward)
  return () => {
    ipcRenderer.removeListener(channel, forward)
  }
}

const api = { ...buildGroups(), on } as unknown as TokenDeskApi

contextBridge.exposeInMainWorld('tokenDesk', api)
