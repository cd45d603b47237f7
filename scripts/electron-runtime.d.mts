// Types of electron-runtime.mjs for the TypeScript tests that import it.

export declare const MIRROR_EXAMPLE: string

export type ElectronRuntime =
  | { found: true; executable: string }
  | {
      found: false
      reason: 'no-package' | 'no-path-file' | 'no-executable' | 'bad-exec-path'
      expected: string
    }

export declare function findElectronRuntime(electronDir: string, env?: NodeJS.ProcessEnv): ElectronRuntime

export declare function installCommand(platform: NodeJS.Platform, mirror: string): string

export declare function explainMissingRuntime(
  runtime: ElectronRuntime & { found: false },
  options: { projectDir: string; platform?: NodeJS.Platform },
): string[]

export interface LaunchPlan {
  kind: 'electron' | 'browser-host' | 'explain-and-fail'
  command: string[]
  notice: string[]
}

export declare function planLaunch(options: {
  mode: 'start' | 'dev'
  runtime: ElectronRuntime
  args: string[]
  projectDir: string
  electronViteCli: string
  platform?: NodeJS.Platform
}): LaunchPlan
