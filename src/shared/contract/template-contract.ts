import { z } from 'zod'
import { templateIdSchema, tokenTemplateSchema } from '../domain/token-template'

// The template channels' own schemas (the template itself is domain: token-template.ts). Templates are
// TokenDesk's, not a server's: no channel names a profile.

/** Every saved template, in the order the user made them. */
export const templatesStateSchema = z.object({ templates: z.array(tokenTemplateSchema) })
export type TemplatesState = z.output<typeof templatesStateSchema>

export const templateRefSchema = z.object({ id: templateIdSchema })

/** What to do with a template of the file whose name a saved one already has. */
export const SAME_NAME_CHOICES = ['skip', 'replace', 'keepBoth'] as const
export type SameNameChoice = (typeof SAME_NAME_CHOICES)[number]
