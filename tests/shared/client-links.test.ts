import { describe, expect, it } from 'vitest'
import {
  CLIENT_LINK_TARGETS,
  clientLink,
  isClientLink,
  type ClientLinkInput,
} from '../../src/shared/domain/client-links'

// Each deep link decoded back and compared field by field with the format its client documents.

const input: ClientLinkInput = {
  baseUrl: 'https://gw.example.com/',
  key: 'sk-abcDEF123xyz+/=',
  serverName: "Bob's (main)",
  tokenName: 'team a',
}

/** The base64 JSON in `data`, decoded the way the client's handler does (standard base64, UTF-8). */
function dataOf(url: string): unknown {
  const data = new URL(url).searchParams.get('data')
  if (data === null) throw new Error(`no data in ${url}`)
  return JSON.parse(Buffer.from(data, 'base64').toString('utf8'))
}

describe('CC Switch (ccswitch://v1/import, resource=provider)', () => {
  it.each([
    ['cc-switch-claude', 'claude', 'https://gw.example.com'],
    ['cc-switch-codex', 'codex', 'https://gw.example.com/v1'],
    ['cc-switch-gemini', 'gemini', 'https://gw.example.com'],
  ] as const)('%s imports a %s provider with the right endpoint', (target, app, endpoint) => {
    const url = new URL(clientLink(target, input))
    expect(`${url.protocol}//${url.host}${url.pathname}`).toBe('ccswitch://v1/import')
    expect(Object.fromEntries(url.searchParams)).toEqual({
      resource: 'provider',
      app,
      name: "Bob's (main) · team a",
      endpoint,
      apiKey: input.key,
      homepage: 'https://gw.example.com',
      enabled: 'true',
    })
  })
})

describe('Cherry Studio (cherrystudio://providers/api-keys?v=1&data=base64 JSON)', () => {
  it('carries id, name, type, bare base URL and key', () => {
    const link = clientLink('cherry-studio', input)
    const url = new URL(link)
    expect(`${url.protocol}//${url.host}${url.pathname}`).toBe('cherrystudio://providers/api-keys')
    expect(url.searchParams.get('v')).toBe('1')
    expect(dataOf(link)).toEqual({
      id: 'new-api-gw.example.com',
      name: 'Bobs main · team a',
      type: 'openai',
      baseUrl: 'https://gw.example.com',
      apiKey: input.key,
    })
  })

  it("survives Cherry's own decoding: + and / swapped for _ and - before parsing the query, then back", () => {
    // A name whose base64 holds + and / (the bytes 0xfb 0xff encode to "+/"), as a real name may.
    const link = clientLink('cherry-studio', { ...input, tokenName: 'ûÿ~~~>>>???' })
    expect(new URL(link).searchParams.get('data')).toMatch(/[+/]/)
    const search = new URL(link).search.replaceAll('+', '_').replaceAll('/', '-')
    const data = new URLSearchParams(search).get('data')!.replaceAll('_', '+').replaceAll('-', '/')
    const decoded = Buffer.from(data, 'base64')
      .toString('utf8')
      .replaceAll("'", '"')
      .replaceAll('(', '')
      .replaceAll(')', '')
    expect(JSON.parse(decoded)).toMatchObject({
      name: "Bob's (main) · ûÿ~~~>>>???".replace(/['()]/g, ''),
      apiKey: input.key,
    })
  })
})

describe("new-api's default chat presets", () => {
  it('AionUI: aionui://provider/add?v=1&data={platform, baseUrl, apiKey}', () => {
    const link = clientLink('aionui', input)
    expect(link.startsWith('aionui://provider/add?v=1&data=')).toBe(true)
    expect(dataOf(link)).toEqual({
      platform: 'new-api',
      baseUrl: 'https://gw.example.com',
      apiKey: input.key,
    })
  })

  it('DeepChat: deepchat://provider/install?v=1&data={id, baseUrl, apiKey}', () => {
    const link = clientLink('deepchat', input)
    expect(link.startsWith('deepchat://provider/install?v=1&data=')).toBe(true)
    expect(dataOf(link)).toEqual({ id: 'new-api', baseUrl: 'https://gw.example.com', apiKey: input.key })
  })

  it('AMA: ama://set-api-key?server=&key=', () => {
    const url = new URL(clientLink('ama', input))
    expect(`${url.protocol}//${url.host}`).toBe('ama://set-api-key')
    expect(Object.fromEntries(url.searchParams)).toEqual({ server: 'https://gw.example.com', key: input.key })
  })

  it('OpenCat: opencat://team/join?domain=&token=', () => {
    const url = new URL(clientLink('opencat', input))
    expect(`${url.protocol}//${url.host}${url.pathname}`).toBe('opencat://team/join')
    expect(Object.fromEntries(url.searchParams)).toEqual({
      domain: 'https://gw.example.com',
      token: input.key,
    })
  })
})

describe('the allow-list', () => {
  it('accepts every link built here and nothing else', () => {
    for (const target of CLIENT_LINK_TARGETS) expect(isClientLink(clientLink(target, input))).toBe(true)
    for (const other of [
      'https://gw.example.com',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'ccswitch',
      '',
    ])
      expect(isClientLink(other)).toBe(false)
  })
})
