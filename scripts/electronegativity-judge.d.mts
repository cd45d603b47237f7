// Types of electronegativity-judge.mjs for the TypeScript tests that import it.

export interface Finding {
  check: string
  severity: string
  file: string
  line: number
  /** The flagged source line. */
  sample: string
}

export interface AllowlistEntry {
  check: string
  file: string
  sample?: string
  reason: string
}

export interface Judgement {
  explained: (Finding & { reason: string })[]
  unexplainedHigh: Finding[]
  toReview: Finding[]
  stale: AllowlistEntry[]
  ok: boolean
}

export declare function judgeFindings(findings: Finding[], allowlist: AllowlistEntry[]): Judgement
export declare function allowlistProblems(allowlist: unknown): string[]
