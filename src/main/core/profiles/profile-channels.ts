import type { Handlers } from '../dispatcher'
import type { ProfileService } from './profile-service'
import type { ServerListTransfer } from './server-list-transfer'

// The bridge calls about saved servers, each a one-line hand-over to the service that does the work.

type ProfileChannel = Extract<keyof Handlers, `profiles.${string}`>

export function profileChannels(
  profiles: ProfileService,
  transfer: ServerListTransfer,
): Pick<Handlers, ProfileChannel> {
  return {
    'profiles.list': async () => profiles.list(),
    'profiles.add': (input) => profiles.add(input),
    'profiles.update': (input) => profiles.update(input),
    'profiles.duplicate': (input) => profiles.duplicate(input.id),
    'profiles.reorder': (input) => profiles.reorder(input.ids),
    'profiles.test': (input) => profiles.test(input),
    'profiles.remove': (input) => profiles.remove(input.id),
    'profiles.select': (input) => profiles.select(input.id),
    'profiles.setPacing': (input) => profiles.setPacing(input.id, input.pacing),
    'profiles.setWatch': (input) => profiles.setWatch(input.id, input.watch),
    'profiles.export': async () => ({ text: transfer.exportList() }),
    'profiles.importPreview': async (input) => transfer.preview(input.text),
    'profiles.import': (input) => transfer.importList(input.text, input.sameNameTemplates),
  }
}
