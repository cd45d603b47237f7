import type { EventName } from '@shared/contract/channel-names'
import { eventSchemas, type EventPayload } from '@shared/contract/contract'
import type { CoreEventListener } from './core-types'

// Core → hosts. Payloads are parsed with the contract's event schemas on the way out, like call outputs.

export class EventBus {
  private readonly listeners = new Set<CoreEventListener>()

  subscribe(listener: CoreEventListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    const safe = eventSchemas[event].parse(payload) as EventPayload<E>
    for (const listener of this.listeners) listener(event, safe)
  }
}
