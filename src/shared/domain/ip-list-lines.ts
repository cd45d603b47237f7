// The IP whitelist's entries as typed: one per line, trimmed, blank lines dropped. Kept apart from
// ip-list.ts (which validates with ipaddr.js) so that the token table can count entries without
// loading an IP parser on the first screen.

export function splitIpList(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
}
