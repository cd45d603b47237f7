// The language of the window, which main follows: servers localise their messages by the
// Accept-Language main sends, and the desktop menu is drawn in it. Until the window says
// (app.setLocale), the host's guess.

export class UiLocale {
  private current: string
  private readonly listeners = new Set<(locale: string) => void>()

  constructor(initial = 'en-US') {
    this.current = initial
  }

  get(): string {
    return this.current
  }

  set(next: string): void {
    if (next === this.current) return
    this.current = next
    for (const listener of this.listeners) listener(next)
  }

  onChange(listener: (locale: string) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}
