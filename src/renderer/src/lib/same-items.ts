// A list worked out again from the same inputs plus the clock (the table's filter and sort, every tick)
// is mostly the list it was. Handing back the earlier array then, rather than an equal new one, lets
// everything that reads it (the rows drawn, the selection, the rows beyond the bottom edge drawn at
// idle) see no change at all instead of redoing its work for nothing.

/** `previous` when `next` holds the same items in the same order, else `next`. */
export function keepWhenSameItems<T>(next: readonly T[], previous: readonly T[] | undefined): readonly T[] {
  if (!previous || previous.length !== next.length) return next
  for (let index = 0; index < next.length; index += 1) if (next[index] !== previous[index]) return next
  return previous
}
