import type { Attention } from '@shared/contract/watch-contract'

// Tokens entering the Watch one after another — three created at once, each with an expiry inside the
// threshold, reach main as three listings — made three notices stacked over the table, each saying
// "1 token needs attention". One still on screen takes in the next instead: one notice of all of them.

export type WatchAttention = Extract<Attention, { kind: 'watch' }>

/** Names listed in one notice; the rest are counted ("and N more"), as main lists them. */
const NAMES_LISTED = 5

const keyOf = (token: WatchAttention['tokens'][number]) => token.tokenId ?? `name:${token.name}`

export function mergeWatchAttention(earlier: WatchAttention, later: WatchAttention): WatchAttention {
  const tokens = new Map(earlier.tokens.map((token) => [keyOf(token), token]))
  let repeated = 0
  for (const token of later.tokens) {
    const known = tokens.get(keyOf(token))
    if (known) repeated += 1
    tokens.set(keyOf(token), {
      ...token,
      reasons: [...new Set([...(known?.reasons ?? []), ...token.reasons])],
    })
  }
  return {
    ...later,
    count: earlier.count + later.count - repeated,
    tokens: [...tokens.values()].slice(0, NAMES_LISTED),
  }
}
