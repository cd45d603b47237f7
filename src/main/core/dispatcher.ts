import { CHANNEL_NAMES, type ChannelName } from '@shared/contract/channel-names'
import { contract, type ChannelOutput, type ChannelParsedInput } from '@shared/contract/contract'
import { AppError, fail, ok, type Result } from '@shared/result'
import type { Logger } from './logger'
import { toPlainData } from './gateway/exact-json'
import { unreadableInputError, validationError } from './validation-error'

// The single entry for every contract call from either host: the channel must be known, the input is
// parsed with the contract's schema, errors become data, and the output is parsed too so nothing outside
// the output schema (a secret, an internal field) can cross the bridge.

export type Handlers = { [C in ChannelName]: (input: ChannelParsedInput<C>) => Promise<ChannelOutput<C>> }

const isChannel = (name: string): name is ChannelName => (CHANNEL_NAMES as readonly string[]).includes(name)

export function createDispatcher(handlers: Handlers, logger: Logger) {
  return async function dispatch(channel: string, rawInput: unknown): Promise<Result<unknown>> {
    if (!isChannel(channel)) return fail('not-found', `Unknown channel.`)
    const schema = contract[channel]
    let parsed: ReturnType<typeof schema.input.safeParse>
    try {
      parsed = schema.input.safeParse(rawInput)
    } catch (error) {
      // zod throws rather than reporting an issue on some hostile shapes: a length check compares
      // `input.length` with a number before the type check has stopped it, and a `length` of
      // `{ "valueOf": 1, "toString": 1 }` (valid JSON, and valid over IPC) cannot be compared. Still bad
      // input, so still a validation error: a caller must never be able to turn bad input into a crash.
      logger.warn({ channel, err: String(error) }, 'input made its schema throw')
      return { ok: false, error: unreadableInputError().toData() }
    }
    if (!parsed.success) return { ok: false, error: validationError(parsed.error).toData() }
    try {
      const handler = handlers[channel] as (input: unknown) => Promise<unknown>
      const value = await handler(parsed.data)
      // Exact big numbers stay exact inside main; across the bridge they travel as digit strings.
      return ok(toPlainData(schema.output.parse(value)))
    } catch (error) {
      if (error instanceof AppError) {
        logger.warn({ channel, code: error.code }, 'call failed')
        return { ok: false, error: error.toData() }
      }
      logger.error(
        {
          channel,
          err:
            error instanceof Error
              ? { name: error.name, message: error.message, stack: error.stack }
              : String(error),
        },
        'call crashed',
      )
      return fail('internal', 'Something went wrong inside TokenDesk. The details are in the log.')
    }
  }
}
