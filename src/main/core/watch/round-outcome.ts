// What one background round of the Watch did for a server (watch-refresh.ts), as tests and the core's host
// API report it. Kept apart so the host API's types need not import the refresh and everything it uses.
export type RoundOutcome = 'read' | 'off' | 'unreachable' | 'no-token' | 'busy' | 'failed'
