import { cloneToken, type StoredToken } from './stored-token'

// The in-memory token table. Handlers get live rows to mutate (like a database row they then save);
// everything handed to tests or the control surface is a deep copy so callers cannot reach inside.
// Deletion is soft, as gorm's DeletedAt makes it upstream: the row leaves every query but keeps its id,
// so ids are never reused.

export class TokenStore {
  private readonly rows = new Map<number, StoredToken>()
  private readonly deleted = new Map<number, StoredToken>()

  constructor(rows: StoredToken[]) {
    for (const row of rows) this.rows.set(row.id, cloneToken(row))
  }

  /** Deep copies, ascending id (table order). */
  snapshot(): StoredToken[] {
    return [...this.rows.values()].sort((a, b) => a.id - b.id).map(cloneToken)
  }

  /** Deep copies of soft-deleted rows, ascending id. */
  deletedSnapshot(): StoredToken[] {
    return [...this.deleted.values()].sort((a, b) => a.id - b.id).map(cloneToken)
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

  /** The next auto-increment id: deleted rows still hold theirs. */
  nextId(): number {
    return Math.max(0, ...this.rows.keys(), ...this.deleted.keys()) + 1
  }

  insert(row: StoredToken): void {
    this.rows.set(row.id, cloneToken(row))
  }

  /** Soft delete; false when there is no such live row. */
  remove(id: number): boolean {
    const row = this.rows.get(id)
    if (!row) return false
    this.rows.delete(id)
    this.deleted.set(id, row)
    return true
  }
}
