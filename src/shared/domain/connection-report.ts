import { z } from 'zod'
import { serverFactsSchema } from './server-facts-schema'

// What "Test connection" found: the server (`/api/status`) and the account behind the access token
// (`/api/user/self`). No secret: the access token is what was tested, never what is reported.

/** new-api's roles: 1 common user, 10 admin, 100 root (0 is a guest, who cannot manage tokens). */
export const USER_ROLES = { user: 1, admin: 10, root: 100 } as const

export const connectionReportSchema = z.object({
  server: serverFactsSchema,
  user: z.object({
    id: z.number().int(),
    username: z.string().nullable(),
    displayName: z.string().nullable(),
    role: z.number().int().nullable(),
    group: z.string().nullable(),
    /** Wallet balance in quota units (the server's currency is in `server`). */
    quota: z.number().nullable(),
  }),
  checkedAt: z.number(),
})

export type ConnectionReport = z.infer<typeof connectionReportSchema>

export function roleName(role: number | null): 'root' | 'admin' | 'user' | 'unknown' {
  if (role === null) return 'unknown'
  if (role >= USER_ROLES.root) return 'root'
  if (role >= USER_ROLES.admin) return 'admin'
  return role >= USER_ROLES.user ? 'user' : 'unknown'
}
