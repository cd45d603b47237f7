// Names for creating several tokens at once. The stock web UI appends random 6-character suffixes; a
// number the user can predict reads better in a list and sorts: "bot-1", "bot-2", "bot-3". Numbering
// continues after the highest "<name>-<n>" that already exists, so a second batch of "bot" becomes
// "bot-4".."bot-6" rather than repeating names (the server does not require names to be unique, which
// is why TokenDesk keeps them apart). One token keeps the name as typed. Without a name, the numbers
// alone: "1", "2", "3" (not "-1", "-2").

export const MAX_BATCH = 100

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

export function batchNames(name: string, quantity: number, existing: readonly string[] = []): string[] {
  const base = name.trim()
  if (quantity <= 1) return [name]
  const prefix = base === '' ? '' : `${base}-`
  const numbered = new RegExp(`^${escapeRegExp(prefix)}(\\d+)$`)
  let highest = 0
  for (const other of existing) {
    const match = numbered.exec(other.trim())
    if (match) highest = Math.max(highest, Number(match[1]))
  }
  return Array.from({ length: quantity }, (_, index) => `${prefix}${highest + index + 1}`)
}
