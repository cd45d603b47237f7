import type { TokenDeskApi } from '@shared/contract/bridge-api'
import { ok } from '@shared/result'
import { makeProfile, type FakeProfilesDeps } from './fake-profiles'

// The demo call of the fake bridge (fake-api.ts), like main's: one demo server, added on the first
// start with a token to list, made active on every start, announced with `profiles.changed`.

export function createFakeDemo(deps: Omit<FakeProfilesDeps, 'templateImport'>): TokenDeskApi['demo'] {
  const { profiles, active, tokens, record, emit } = deps
  return {
    start: async (input) => {
      const f = record('demo.start', input)
      if (f) return { ok: false, error: f }
      let profile = profiles.find((p) => p.demo)
      if (!profile) {
        profile = makeProfile({
          id: 'demo',
          name: 'TokenDesk demo',
          baseUrl: 'http://127.0.0.1:40123',
          userId: 1,
          username: 'Sandbox User',
          server: { ...makeProfile().server, systemName: 'TokenDesk Sandbox' },
          demo: true,
          accessTokenSetAt: null,
        })
        profiles.push(profile)
        tokens[profile.id] ??= []
      }
      active.id = profile.id
      emit('profiles.changed', { profiles: structuredClone(profiles), activeId: active.id })
      return ok(structuredClone(profile))
    },
  }
}
