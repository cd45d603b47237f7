import type { StoredToken } from './stored-token'

// One hand-written row of seed data (seed-tokens.ts for tests, demo-seed.ts for the demo server): the
// fields that matter for the case it covers; seeding fills in the rest.

export type SeedTemplate = Partial<StoredToken> & {
  name: string
  /** Values of fork columns, used only when the sandbox plays a fork that has them. */
  fork?: Record<string, unknown>
}
