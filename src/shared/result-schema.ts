import { z } from 'zod'
import { ERROR_CODES, type AppErrorData, type FieldIssue } from './result'

// The error shape as schemas, for data that stores or carries an error (a failed draft, a server state),
// apart from result.ts so that code needing only Result and AppError does not bring zod along.

/** What fills a field message's placeholders; a list stays a list until the UI writes it. */
export const issueParamsSchema = z.record(z.string(), z.union([z.string(), z.number(), z.array(z.string())]))

export const fieldIssueSchema = z.object({
  path: z.string(),
  key: z.string(),
  params: issueParamsSchema.optional(),
}) satisfies z.ZodType<FieldIssue>

/** The same shape as a schema, for data that stores or carries an error (a failed draft, a server state). */
export const appErrorDataSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  details: z
    .object({
      fields: z.array(fieldIssueSchema).optional(),
      retryAfterSeconds: z.number().optional(),
      httpStatus: z.number().optional(),
      routeMissing: z.boolean().optional(),
      serverCode: z.string().max(100).optional(),
      serverWords: z.boolean().optional(),
    })
    .optional(),
}) satisfies z.ZodType<AppErrorData>
