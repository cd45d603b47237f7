import { cloneToken, type StoredToken } from './stored-token'

// The in-memory token table. Handlers get live rows to mutate (like a database row they then save);
// everything handed to tests or the control surface is a deep copy so callers cannot reach inside.

export class TokenStore {
  private readonly rows = new Map<number, StoredToken>()

  constructor(rows: StoredToken[]) {
    for (const row of rows) this.rows.set(row.id, cloneToken(row))
  }

  /** Deep copies, ascending id (table order). */
  snapshot(): StoredToken[] {
    return [...this.rows.values()].sort((a, b) => a.id - b.id).map(cloneToken)
  }

  /** The user's rows, newest first (`ORDER BY id DESC`), live. */
  ownedBy(userId: number): StoredToken[] {
    return [...this.rows.values()].filter((row) => row.user_id === userId).sort((a, b) => b.id - a.id)
  }

  /** Like upstream GetTokenByIds: a row only counts when it belongs to the user. */
  find(id: number, userId: number): StoredToken | undefined {
    const row = this.rows.get(id)
    return row && row.user_id === userId ? row : undefined
  }

  get(id: number): StoredToken | undefined {
    return this.rows.get(id)
  }
}
