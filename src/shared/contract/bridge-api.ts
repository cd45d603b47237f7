import type { Result } from '../result'
import type { ChannelName, EventName } from './channel-names'
import type { ChannelInput, ChannelOutput, EventPayload } from './contract'

// The shape of `window.tokenDesk`: `tokenDesk.profiles.add(input)` for channel 'profiles.add', and so on,
// plus `on(event, listener)` returning an unsubscribe function. Derived from the contract, never written
// by hand, so the preload, the web transport and the renderer cannot drift apart.

type GroupOf<C extends string> = C extends `${infer G}.${string}` ? G : never
type MethodOf<C extends string> = C extends `${string}.${infer M}` ? M : never

type ChannelCall<C extends ChannelName> =
  undefined extends ChannelInput<C>
    ? (input?: ChannelInput<C>) => Promise<Result<ChannelOutput<C>>>
    : (input: ChannelInput<C>) => Promise<Result<ChannelOutput<C>>>

export type TokenDeskApi = {
  [G in GroupOf<ChannelName>]: {
    [C in ChannelName as GroupOf<C> extends G ? MethodOf<C> : never]: ChannelCall<C>
  }
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void
}

export function splitChannelName(channel: string): [group: string, method: string] {
  const dot = channel.indexOf('.')
  return [channel.slice(0, dot), channel.slice(dot + 1)]
}
