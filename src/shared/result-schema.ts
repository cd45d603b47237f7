import { z } from 'zod'
import { ERROR_CODES, type AppErrorData, type FieldIssue } from './result'

// The error shape as schemas, for data that stores or carries an error (a failed draft, a server state),
// apart from result.ts so that code needing only Result and AppError does not bring zod along.

export const fieldIssueSchema = z.object({
  path: z.string(),
  key: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
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
    })
    .optional(),
}) satisfies z.ZodType<AppErrorData>
