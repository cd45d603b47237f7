// A tiny deterministic PRNG (mulberry32) so seeded keys are the same on every run: tests and
// screenshots can rely on them, and nothing depends on Math.random.

export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const KEY_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'

/** Upstream keys are 48 letters and digits (shown to users as `sk-` + key). */
export function randomKey(next: () => number, length = 48): string {
  let key = ''
  for (let i = 0; i < length; i++) key += KEY_ALPHABET[Math.floor(next() * KEY_ALPHABET.length)]
  return key
}
