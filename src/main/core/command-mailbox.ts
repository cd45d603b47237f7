import type { AppCommand } from '@shared/domain/app-command'

// The native menu's, tray's and dock's commands for the window (New Token, Go to Watch…). Picked with no
// window open, the host opens one first — but a window that is still loading has nobody listening, and an
// event sent then is lost: the tray's "tokens on the Watch" opened the window on the Tokens screen. So a
// command waits here until the window's command handler says it listens (`app.takeCommand`) and takes
// it; while the window is gone or reloading (the host says so), commands wait again. Only the newest
// waits: two menu picks before the window is up mean the second.

export class CommandMailbox {
  private listening = false
  private waiting: AppCommand | null = null

  constructor(private readonly deliver: (command: AppCommand) => void) {}

  send(command: AppCommand): void {
    if (this.listening) this.deliver(command)
    else this.waiting = command
  }

  /** The window's handler is subscribed: from now on commands go straight to it; this one waited. */
  take(): AppCommand | null {
    this.listening = true
    const waited = this.waiting
    this.waiting = null
    return waited
  }

  /** The window closed, crashed or started loading again: nobody listens until it takes again. */
  windowGone(): void {
    this.listening = false
  }
}
