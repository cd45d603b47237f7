// What went wrong with a connection that got no answer, for telling the user which part of a server's
// address to check (`fields.connection.<failure>` in the UI).

export const NETWORK_FAILURES = ['refused', 'dns', 'tls', 'timeout', 'unreachable', 'broken'] as const
export type NetworkFailure = (typeof NETWORK_FAILURES)[number]
