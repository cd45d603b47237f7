import ipaddr from 'ipaddr.js'
import { splitIpList } from './ip-list-lines'

// The IP whitelist is one IP or CIDR per line. The server silently drops invalid entries — and a list
// of only invalid entries blocks every IP — so the client must reject them before saving.

export function isValidIpOrCidr(entry: string): boolean {
  if (entry.includes('/')) {
    try {
      ipaddr.parseCIDR(entry)
      return true
    } catch {
      return false
    }
  }
  return ipaddr.isValid(entry) && (ipaddr.IPv4.isValidFourPartDecimal(entry) || ipaddr.IPv6.isValid(entry))
}

/** A line of the list that is no IP or CIDR: its 1-based number in the text as typed, and its text. */
export interface BadIpLine {
  line: number
  text: string
}

export function invalidIpLines(text: string): BadIpLine[] {
  const bad: BadIpLine[] = []
  text.split(/\r?\n/).forEach((raw, index) => {
    const entry = raw.trim()
    if (entry.length > 0 && !isValidIpOrCidr(entry)) bad.push({ line: index + 1, text: entry })
  })
  return bad
}

/** The canonical text sent to the server: trimmed lines, no blanks, no duplicates. */
export function normalizeIpList(text: string): string {
  return [...new Set(splitIpList(text))].join('\n')
}

/**
 * What makes two entries the same address or range however they are written ("2001:DB8::1" and
 * "2001:db8:0:0::1"); an entry that is no IP or CIDR is its own text.
 */
export function ipEntryKey(entry: string): string {
  const text = entry.trim()
  try {
    if (text.includes('/')) {
      const [address, bits] = ipaddr.parseCIDR(text)
      return `${address.toNormalizedString()}/${bits}`
    }
    return isValidIpOrCidr(text) ? ipaddr.parse(text).toNormalizedString() : text
  } catch {
    return text
  }
}
