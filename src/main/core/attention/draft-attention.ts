import type { EventPayload } from '@shared/contract/contract'
import type { Attention } from '@shared/contract/watch-contract'
import type { DraftState, DraftView } from '@shared/domain/draft'
import type { EventBus } from '../event-bus'
import type { ProfileStore } from '../profiles/profile-store'

// Drafts that stop for the user, told once per stop (an OS notification may follow, app.attention): a
// draft the server refused (failed) or one that needs a decision (a conflict, the token deleted on the
// server). It follows the outbox's announcements and remembers each draft's last state, seeded from the
// outbox at start — so a draft that had already stopped before a restart is not told of again, and a
// draft that stops again after a retry is.

const NAMES_PER_ATTENTION = 5

const stopKind = (state: DraftState): 'sync-failed' | 'needs-decision' | null =>
  state === 'failed' ? 'sync-failed' : state === 'conflict' ? 'needs-decision' : null

const nameOf = (draft: DraftView): string => draft.changes.name ?? draft.base?.name ?? ''

export class DraftAttention {
  private readonly known = new Map<string, DraftState>()

  constructor(
    private readonly profiles: ProfileStore,
    private readonly events: EventBus,
  ) {}

  /** The drafts as they stand at start: their current state is not news. */
  seed(drafts: readonly Pick<DraftView, 'id' | 'state'>[]): void {
    for (const draft of drafts) this.known.set(draft.id, draft.state)
  }

  onDraftsChanged(event: EventPayload<'drafts.changed'>): void {
    for (const id of event.removedIds) this.known.delete(id)
    const stopped: Record<'sync-failed' | 'needs-decision', DraftView[]> = {
      'sync-failed': [],
      'needs-decision': [],
    }
    for (const draft of event.drafts) {
      const before = this.known.get(draft.id)
      this.known.set(draft.id, draft.state)
      const kind = stopKind(draft.state)
      if (kind && before !== draft.state) stopped[kind].push(draft)
    }
    const profile = this.profiles.find(event.profileId)
    // A removed server's drafts went with it: nothing to tell.
    if (!profile) return
    for (const kind of ['sync-failed', 'needs-decision'] as const) {
      const drafts = stopped[kind]
      if (drafts.length === 0) continue
      const attention: Attention = {
        kind,
        profileId: event.profileId,
        serverName: profile.name,
        count: drafts.length,
        tokens: drafts
          .slice(0, NAMES_PER_ATTENTION)
          .map((draft) => ({ tokenId: draft.tokenId, name: nameOf(draft) })),
      }
      this.events.emit('app.attention', attention)
    }
  }
}
