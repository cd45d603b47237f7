import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import OpenAPIRequestValidator from 'openapi-request-validator'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { SANDBOX_MODES, type RecordedRequest, type SandboxGateway } from '../../src/sandbox/index'
import { startCoreHarness, type CoreHarness } from './core-harness'
import { pairedUpdate, startDetectedGateway, type GatewayFixture } from './gateway-fixture'

// Every `PUT /api/token/` TokenDesk sends must satisfy the user's own request document
// (tests/fixtures/seed/modify-token.openapi.yaml, as the user handed it over): the eight body fields,
// and the `content-type` and `new-api-user` headers. Checked with a real OpenAPI validator on the requests the
// sandbox actually received, in each server mode, for full updates (client and core) and status-only.

const DOCUMENT = resolve(import.meta.dirname, '../fixtures/seed/modify-token.openapi.yaml')

interface Operation {
  parameters: ConstructorParameters<typeof OpenAPIRequestValidator>[0]['parameters']
  requestBody: ConstructorParameters<typeof OpenAPIRequestValidator>[0]['requestBody']
}

let validator: OpenAPIRequestValidator
beforeAll(() => {
  const document = parse(readFileSync(DOCUMENT, 'utf8')) as { paths: Record<string, { put: Operation }> }
  const put = document.paths['/api/token/']!.put
  validator = new OpenAPIRequestValidator({ parameters: put.parameters, requestBody: put.requestBody })
})

/** The validator's complaints about one recorded request; undefined when it conforms. */
function problems(request: Pick<RecordedRequest, 'headers' | 'body' | 'path'>): unknown {
  const query = Object.fromEntries(new URL(request.path, 'http://x').searchParams)
  return validator.validateRequest({ headers: request.headers, body: request.body, query, params: {} })
}

function puts(sandbox: SandboxGateway): RecordedRequest[] {
  return sandbox.control
    .requests()
    .filter((r) => r.method === 'PUT' && r.path.split('?')[0] === '/api/token/')
}

let fixture: GatewayFixture | undefined
let harness: CoreHarness | undefined
afterEach(async () => {
  await fixture?.close()
  await harness?.close()
  fixture = undefined
  harness = undefined
})

describe('the user OpenAPI document for PUT /api/token/', () => {
  it('is loaded and rejects what it should (so the checks below are not vacuous)', () => {
    const good = {
      path: '/api/token/',
      headers: { 'content-type': 'application/json', 'new-api-user': '1' },
      body: {
        id: 1,
        name: 'n',
        remain_quota: 1,
        expired_time: -1,
        unlimited_quota: false,
        model_limits_enabled: false,
        model_limits: '',
        allow_ips: '',
        group: '',
      },
    }
    expect(problems(good)).toBeUndefined()
    const { group: _group, ...noGroup } = good.body
    expect(problems({ ...good, body: noGroup })).toBeDefined()
    expect(problems({ ...good, body: { ...good.body, allow_ips: null } })).toBeDefined()
    expect(problems({ ...good, body: { ...good.body, remain_quota: 1.5 } })).toBeDefined()
    expect(problems({ ...good, headers: { 'content-type': 'application/json' } })).toBeDefined()
  })

  it.each(SANDBOX_MODES)('is met by every PUT the gateway client sends to a %s server', async (mode) => {
    // The document is AnyAPI's: its fork columns are on every row and must travel back.
    fixture = await startDetectedGateway({ mode, fork: 'anyapi' })
    const { client, sandbox } = fixture
    // A token whose allow_ips is null on the server (a full update that omitted it, elsewhere).
    sandbox.control.patchToken(101, { allow_ips: null })
    for (const id of [101, 102, 103]) await pairedUpdate(client, id, { name: `edited-${id}` })
    const seen = await client.getToken(102)
    await client.updateTokenStatus(seen, 2)
    await client.updateTokenStatus(seen, 1)
    const sent = puts(sandbox)
    expect(sent).toHaveLength(5)
    expect(sent.filter((r) => r.path.includes('status_only=true'))).toHaveLength(2)
    for (const request of sent) {
      expect(problems(request), `${request.path} ${JSON.stringify(request.body)}`).toBeUndefined()
      expect(request.headers['new-api-user']).toBe(String(sandbox.userId))
      expect(request.headers['content-type']).toBe('application/json')
    }
    // The fork fields of the seed travel back too (the document's example carries them).
    expect(sent.find((r) => (r.body as { id: number }).id === 103)!.body).toMatchObject({
      selected_groups: ['vip', 'default'],
      mj_image_mode: 'default',
    })
  })

  it.each(SANDBOX_MODES)('is met by the core`s token updates on a %s server', async (mode) => {
    harness = await startCoreHarness({ mode })
    const profile = await harness.addSandboxProfile()
    harness.sandbox.control.patchToken(108, { allow_ips: null, group: 'vip' })
    for (const [id, changes, quota] of [
      [108, { name: 'core-edit' }, null],
      [102, { allow_ips: '10.0.0.1', group: 'vip' }, { mode: 'add', delta: 1000 }],
    ] as const) {
      const saved = await harness.edit(profile.id, id, { changes, quota })
      expect(saved).toMatchObject({ ok: true, value: { outcome: 'synced' } })
    }
    const sent = puts(harness.sandbox)
    expect(sent).toHaveLength(2)
    for (const request of sent) expect(problems(request), JSON.stringify(request.body)).toBeUndefined()
  })
})
