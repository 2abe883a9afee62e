export { parseCommandLine, SHELL_SYNTAX_MESSAGE } from './parse-command-line.js';
export type { ParsedCommandLine, CommandLineProblem } from './parse-command-line.js';
export { commandPolicy, interpretCommandLine } from './command-policy.js';
export type { AllowedProgram, CommandDecision, CommandPolicyOptions } from './command-policy.js';
export { kubectlMode, minikubeMode } from './command-mode.js';
export type { CommandMode } from './command-mode.js';
export { createExecaRunner } from './execa-runner.js';
export type { ExecaRunnerOptions } from './execa-runner.js';
export type { CommandEnv, CommandRunner, OutputLine, OutputStream, RunOptions, RunResult } from './command-runner.js';
