import type { Socket } from 'node:net'

// Everything that could keep the sandbox (or the test process) alive after close(): open sockets —
// including ones a 'hang' fault never answers — pending delays and usage timers. close() ends them all.

export class Lifecycle {
  private readonly sockets = new Set<Socket>()
  private readonly timers = new Set<NodeJS.Timeout>()
  private readonly intervals = new Set<NodeJS.Timeout>()
  private closed = false

  track(socket: Socket): void {
    this.sockets.add(socket)
    socket.once('close', () => this.sockets.delete(socket))
  }

  /** Resolves after `ms`; never resolves once the sandbox is closing (the socket is gone anyway). */
  delay(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve()
    return new Promise((resolve) => {
      if (this.closed) return
      const timer = setTimeout(() => {
        this.timers.delete(timer)
        resolve()
      }, ms)
      this.timers.add(timer)
    })
  }

  /** Runs `tick` every `ms` until the returned stop function or close(). */
  every(ms: number, tick: () => void): () => void {
    if (this.closed) return () => {}
    const interval = setInterval(tick, ms)
    this.intervals.add(interval)
    return () => {
      clearInterval(interval)
      this.intervals.delete(interval)
    }
  }

  stopIntervals(): void {
    for (const interval of this.intervals) clearInterval(interval)
    this.intervals.clear()
  }

  /** Cuts every open connection (the server is going away for a while; timers keep running). */
  dropConnections(): void {
    for (const socket of this.sockets) socket.destroy()
    this.sockets.clear()
  }

  shutdown(): void {
    this.closed = true
    this.stopIntervals()
    for (const timer of this.timers) clearTimeout(timer)
    this.timers.clear()
    for (const socket of this.sockets) socket.destroy()
    this.sockets.clear()
  }
}
