import { z } from 'zod'
import { AppError } from '@shared/result'
import { tokenSchema, type Token } from '@shared/domain/token'
import type { ServerFacts } from '@shared/domain/server-facts'
import type { GatewayHttpClient } from './http-client'
import { serverFactsFromStatus } from './server-status'

// The new-api calls a token manager needs, with every answer parsed by zod (tolerantly: unknown fields
// are kept so fork fields survive a round trip).

const PAGE_SIZE = 100
/** new-api caps a user at 1000 tokens by default; the cap here only stops a misbehaving server looping. */
const MAX_PAGES = 200

const userSelfSchema = z.looseObject({
  id: z.number().int(),
  username: z.string().optional().catch(undefined),
  display_name: z.string().optional().catch(undefined),
})

const tokenPageSchema = z.looseObject({
  total: z.number().int().optional(),
  items: z.array(z.unknown()).nullable(),
})

function parseOrBadResponse<S extends z.ZodType>(schema: S, data: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(data)
  if (!parsed.success) throw new AppError('bad-response', `The server sent ${what} in an unexpected shape.`)
  return parsed.data
}

export class GatewayClient {
  constructor(private readonly http: GatewayHttpClient) {}

  async status(): Promise<ServerFacts> {
    return serverFactsFromStatus(await this.http.request({ method: 'GET', path: '/api/status', auth: false }))
  }

  async userSelf(): Promise<z.output<typeof userSelfSchema>> {
    const data = await this.http.request({ method: 'GET', path: '/api/user/self' })
    return parseOrBadResponse(userSelfSchema, data, 'the account')
  }

  /** Every token, newest first, following the server's 1-based pages until the total is reached. */
  async listTokens(): Promise<Token[]> {
    const tokens: Token[] = []
    for (let page = 1; page <= MAX_PAGES; page += 1) {
      const data = await this.http.request({
        method: 'GET',
        path: '/api/token/',
        query: { p: page, page_size: PAGE_SIZE },
      })
      const parsed = parseOrBadResponse(tokenPageSchema, data, 'the token list')
      const items = (parsed.items ?? []).map((item) => parseOrBadResponse(tokenSchema, item, 'a token'))
      tokens.push(...items)
      const total = parsed.total ?? tokens.length
      if (items.length < PAGE_SIZE || tokens.length >= total) break
    }
    return tokens
  }

  async getToken(id: number): Promise<Token> {
    const data = await this.http.request({ method: 'GET', path: `/api/token/${id}` })
    return parseOrBadResponse(tokenSchema, data, 'the token')
  }

  /** Full replace: the body must carry every field, since the server zeroes what is omitted. */
  async updateToken(body: Record<string, unknown>): Promise<Token> {
    const data = await this.http.request({ method: 'PUT', path: '/api/token/', body })
    return parseOrBadResponse(tokenSchema, data, 'the updated token')
  }
}
