import type { Handlers } from '../dispatcher'
import type { TemplateService } from './template-service'

// The bridge calls about token templates, each a one-line hand-over to the service that does the work.

type TemplateChannel = Extract<keyof Handlers, `templates.${string}`>

export function templateChannels(templates: TemplateService): Pick<Handlers, TemplateChannel> {
  return {
    'templates.list': async () => templates.list(),
    'templates.save': (input) => templates.save(input),
    'templates.delete': async (input) => {
      await templates.remove(input.id)
      return null
    },
    'templates.duplicate': (input) => templates.duplicate(input.id),
  }
}
