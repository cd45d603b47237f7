import { z } from 'zod'

// A quota intent (quota-intent.ts) as a schema, apart so that applying one needs no zod.

export const quotaIntentSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('set'), value: z.number().int() }),
  z.object({ mode: z.literal('add'), delta: z.number().int() }),
])

export type QuotaIntent = z.infer<typeof quotaIntentSchema>
