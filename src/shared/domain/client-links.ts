// "Open in": deep links that hand a token's key and its server's address to a desktop client, each in the
// format that client documents. Pure functions only — main builds the link (the key never reaches the
// renderer for this unless the host cannot open the link itself) and the Electron host opens only the
// schemes listed here.
//
// Sources for each format:
// - CC Switch: its user manual, "Deep Link Protocol" (`ccswitch://v1/import?resource=provider&app=…`).
//   Field order and the per-app endpoint (Codex wants `/v1`, Claude Code and Gemini CLI the bare address)
//   follow new-api's own web UI (`buildCCSwitchImportUrl`).
// - Cherry Studio: its protocol handler (`cherrystudio://providers/api-keys?v=1&data=<base64 JSON>` with
//   `id`, `baseUrl`, `apiKey`, optional `name` and `type`). Cherry adds `/v1` itself, so `baseUrl` is the
//   bare address. Its handler turns `'` into `"` and drops `(` `)` before parsing the JSON, so a name
//   holding those would break the import: they are left out of names.
// - AionUI, DeepChat, AMA, OpenCat: the link templates new-api ships as its default "chat" presets, filled
//   the way its web UI fills them (base64 JSON for AionUI and DeepChat; the address URL-encoded).
// Standard base64 (not base64url): Cherry maps `-`/`_` back to `/`/`+`, which would corrupt base64url.
// Web clients (Lobe Chat, AI as Workspace) are left out on purpose: their links carry the key in an
// https query string, which their web server receives and logs.

export const CLIENT_LINK_TARGETS = [
  'cc-switch-claude',
  'cc-switch-codex',
  'cc-switch-gemini',
  'cherry-studio',
  'aionui',
  'deepchat',
  'ama',
  'opencat',
] as const

export type ClientLinkTarget = (typeof CLIENT_LINK_TARGETS)[number]

/** What a link is built from: the server's address (no trailing slash), the key, names for labels. */
export interface ClientLinkInput {
  baseUrl: string
  /** The plaintext key, `sk-` prefixed. */
  key: string
  /** The saved server's name, e.g. "Production". */
  serverName: string
  /** The token's name (may be empty). */
  tokenName: string
}

/** The URL schemes these links use: the Electron host opens nothing else. */
export const CLIENT_LINK_SCHEMES: ReadonlySet<string> = new Set([
  'ccswitch:',
  'cherrystudio:',
  'aionui:',
  'deepchat:',
  'ama:',
  'opencat:',
])

/** UTF-8 → standard base64, in plain JS (no Buffer, no DOM) so it runs in main, tests and the page. */
export function base64Utf8(text: string): string {
  const bytes = new TextEncoder().encode(text)
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary)
}

const bare = (address: string): string => address.replace(/\/+$/, '')

/** "Server · token", or just the server when the token has no name. */
function label(input: ClientLinkInput): string {
  const token = input.tokenName.trim()
  return token ? `${input.serverName} · ${token}` : input.serverName
}

/** A provider id from the server's host, so each server is its own provider in the client. */
function providerId(baseUrl: string): string {
  let host: string
  try {
    host = new URL(baseUrl).host
  } catch {
    return 'new-api'
  }
  const slug = host.toLowerCase().replace(/[^a-z0-9.-]+/g, '-')
  return slug ? `new-api-${slug}` : 'new-api'
}

function ccSwitch(app: 'claude' | 'codex' | 'gemini', input: ClientLinkInput): string {
  const address = bare(input.baseUrl)
  const params = new URLSearchParams()
  params.set('resource', 'provider')
  params.set('app', app)
  params.set('name', label(input))
  params.set('endpoint', app === 'codex' ? `${address}/v1` : address)
  params.set('apiKey', input.key)
  params.set('homepage', address)
  params.set('enabled', 'true')
  return `ccswitch://v1/import?${params.toString()}`
}

function cherryStudio(input: ClientLinkInput): string {
  const payload = {
    id: providerId(input.baseUrl),
    name: label(input).replace(/['()]/g, ''),
    type: 'openai',
    baseUrl: bare(input.baseUrl),
    apiKey: input.key,
  }
  return `cherrystudio://providers/api-keys?v=1&data=${encodeURIComponent(base64Utf8(JSON.stringify(payload)))}`
}

function base64Link(prefix: string, payload: Record<string, string>): string {
  return `${prefix}${encodeURIComponent(base64Utf8(JSON.stringify(payload)))}`
}

const BUILDERS: Record<ClientLinkTarget, (input: ClientLinkInput) => string> = {
  'cc-switch-claude': (input) => ccSwitch('claude', input),
  'cc-switch-codex': (input) => ccSwitch('codex', input),
  'cc-switch-gemini': (input) => ccSwitch('gemini', input),
  'cherry-studio': cherryStudio,
  aionui: (input) =>
    base64Link('aionui://provider/add?v=1&data=', {
      platform: 'new-api',
      baseUrl: bare(input.baseUrl),
      apiKey: input.key,
    }),
  deepchat: (input) =>
    base64Link('deepchat://provider/install?v=1&data=', {
      id: 'new-api',
      baseUrl: bare(input.baseUrl),
      apiKey: input.key,
    }),
  ama: (input) => `ama://set-api-key?${new URLSearchParams({ server: bare(input.baseUrl), key: input.key })}`,
  opencat: (input) =>
    `opencat://team/join?${new URLSearchParams({ domain: bare(input.baseUrl), token: input.key })}`,
}

export function clientLink(target: ClientLinkTarget, input: ClientLinkInput): string {
  return BUILDERS[target](input)
}

/** True for a link of one of the schemes above (parsed, never compared as a prefix). */
export function isClientLink(url: string): boolean {
  try {
    return CLIENT_LINK_SCHEMES.has(new URL(url).protocol)
  } catch {
    return false
  }
}
