import type { GoType } from './go-json'

// Resellers run forks of new-api that add their own token columns. Plain new-api binds the body into its
// own struct, so any other field is silently dropped (docs/newapi-behaviour.md §4): a client must never
// expect an unknown field to survive on a plain server, and on a fork it must send back every column it
// received. The sandbox plays a fork only when asked (`fork: 'anyapi'`).
//
// The AnyAPI-like fork has the columns of the user's own API document (`mj_image_mode`,
// `mj_custom_proxy`, `selected_groups`). Its source is not public, so the sandbox assumes what a Go fork
// would do if it added them like upstream's own editable columns: typed (a wrong type fails the bind
// with Go's error text), copied from the body by every full update — an omitted one becomes its zero
// value, the strictest case for a client — and given their column default when a create leaves them
// at zero.

export type SandboxFork = 'anyapi'

export const SANDBOX_FORKS: readonly SandboxFork[] = ['anyapi']

export interface ForkColumn {
  type: GoType
  /** The gorm `default:` a create falls back to when the value is the zero value. */
  createDefault: unknown
}

export type ForkColumns = Readonly<Record<string, ForkColumn>>

const FORKS: Record<SandboxFork, ForkColumns> = {
  anyapi: {
    mj_image_mode: { type: 'string', createDefault: 'default' },
    mj_custom_proxy: { type: 'string', createDefault: '' },
    selected_groups: { type: '[]string', createDefault: [] },
  },
}

/** The extra columns of a fork; none for plain new-api. */
export function forkColumnsOf(fork: SandboxFork | null): ForkColumns {
  return fork ? FORKS[fork] : {}
}
