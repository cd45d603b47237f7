import type { EventName } from '@shared/contract/channel-names'
import { eventSchemas, type EventPayload } from '@shared/contract/contract'
import type { CoreEventListener } from './core-types'
import { toPlainData } from './gateway/exact-json'

// Core → hosts. Payloads are parsed with the contract's event schemas on the way out, like call outputs,
// and exact big numbers become digit strings (structured clone and JSON would otherwise mangle them).

export class EventBus {
  private readonly listeners = new Set<CoreEventListener>()

  subscribe(listener: CoreEventListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    const safe = toPlainData(eventSchemas[event].parse(payload)) as EventPayload<E>
    for (const listener of this.listeners) listener(event, safe)
  }
}
