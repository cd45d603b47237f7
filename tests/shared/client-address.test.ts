import { describe, expect, it } from 'vitest'
import { addressForClients } from '../../src/shared/domain/client-address'

const saved = 'https://10.0.0.5:8443'

describe('the address given to clients', () => {
  it("is the server's own setting where it names a reachable address", () => {
    expect(addressForClients(saved, 'https://api.example.com')).toBe('https://api.example.com')
    expect(addressForClients(saved, 'http://gw.example.com/relay')).toBe('http://gw.example.com/relay')
  })

  it('is the saved address where the server states none', () => {
    expect(addressForClients(saved, null)).toBe(saved)
  })

  it("is the saved address where the server's setting names only its own computer (upstream's unset value)", () => {
    for (const local of [
      'http://localhost:3000',
      'http://127.0.0.1:3000',
      'http://127.1.2.3',
      'http://[::1]:3000',
      'http://0.0.0.0:3000',
    ])
      expect(addressForClients(saved, local)).toBe(saved)
  })

  it('is the saved address where the stated one is not an address at all', () => {
    expect(addressForClients(saved, 'not a url')).toBe(saved)
  })
})
