// Public surface of the sandbox gateway.
export { startSandbox } from './sandbox-gateway'
export type {
  SandboxGateway,
  SandboxOptions,
  SandboxMode,
  SandboxFork,
  SandboxControl,
  StoredToken,
  RecordedRequest,
  SandboxFault,
  FaultOptions,
  RateLimit,
  RateLimitOptions,
  UsageOptions,
  UseOutcome,
  ModeFeatures,
  SeedSet,
  LogRow,
  UsageHistoryOptions,
} from './sandbox-gateway'
export type { DisplayType } from './sandbox-settings'
export { MODE_FEATURES } from './mode-features'
export { SANDBOX_MODES } from './sandbox-mode'
export { SANDBOX_FORKS } from './fork-columns'
