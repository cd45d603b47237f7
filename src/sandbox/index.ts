// Public surface of the sandbox gateway.
export { startSandbox } from './sandbox-gateway'
export type {
  SandboxGateway,
  SandboxOptions,
  SandboxMode,
  SandboxControl,
  StoredToken,
  RecordedRequest,
} from './sandbox-gateway'
export type { DisplayType } from './sandbox-settings'
