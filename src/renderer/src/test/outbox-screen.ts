import { draftBaseOf } from '@shared/domain/draft-base'
import type { Token, TokenChanges } from '@shared/domain/token'
import AppShell from '@renderer/components/app-shell.vue'
import { createFakeApi, makeProfile } from './fake-api'
import { mountApp, settle } from './mount-app'

// The Outbox as a user opens it, for component tests: the whole shell on one server, with one edit of
// `token` kept as a draft (not sent), then the Outbox section shown.

export async function outboxWithDraft(
  token: Token,
  changes: TokenChanges,
  options: { offline?: boolean; production?: boolean } = {},
): Promise<ReturnType<typeof createFakeApi>> {
  const profile = makeProfile({ id: 'p1', production: options.production ?? false })
  const fake = createFakeApi({ profiles: [profile], tokens: { p1: [token] } })
  await fake.api.drafts.save({
    profileId: 'p1',
    draftId: null,
    tokenId: token.id,
    base: draftBaseOf(token),
    changes,
    quota: null,
    wantStatus: null,
    mode: 'hold',
  })
  if (options.offline) fake.network.offline = true
  mountApp(AppShell, { fake })
  await settle()
  fake.emit('app.command', { command: 'go-outbox' })
  await settle()
  return fake
}
