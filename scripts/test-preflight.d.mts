// Types of test-preflight.mjs for the TypeScript tests that import it.

export declare const DEFAULT_CHROMIUM: string
export declare const PROBE_TIMEOUT_MS: number
export declare const KEYRING_COMMANDS: Record<string, { apt: string; dnf: string }>

export type KeychainStatus = 'ok' | 'no-keytar' | 'not-built' | 'no-libsecret' | 'load-failed' | 'no-answer'

export interface KeychainProbe {
  status: KeychainStatus
  detail: string
}

export interface MachineFacts {
  platform: NodeJS.Platform
  inKeyring: boolean
  busAddress: string
  chromium: { path: string; found: boolean }
  keychain: KeychainProbe
  commands: Record<string, boolean>
}

export interface Problem {
  what: string
  apt?: string[]
  dnf?: string[]
  step?: string
}

export type TestRunPlan =
  { action: 'run' } | { action: 'wrap'; reason: string } | { action: 'stop'; problems: Problem[] }

export declare function isOnPath(name: string, env?: NodeJS.ProcessEnv): boolean
export declare function isExecutable(path: string): boolean
export declare function probeKeychain(options: {
  projectDir: string
  env?: NodeJS.ProcessEnv
  loadOnly?: boolean
  timeoutMs?: number
}): Promise<KeychainProbe>
export declare function gatherFacts(options: {
  projectDir: string
  env?: NodeJS.ProcessEnv
  platform?: NodeJS.Platform
}): Promise<MachineFacts>
export declare function planTestRun(facts: MachineFacts): TestRunPlan
export declare function formatProblems(problems: Problem[]): string[]
