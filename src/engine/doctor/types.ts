/** What `kubedojo doctor` found, check by check. */

export type CheckStatus = 'ok' | 'warn' | 'fail' | 'skip';

export type DoctorCheckId = 'kubectl' | 'version-skew' | 'minikube' | 'kubeconfig' | 'cluster' | 'permissions';

export interface DoctorCheck {
  id: DoctorCheckId;
  title: string;
  status: CheckStatus;
  /** One or more sentences; may span lines. */
  detail: string;
  /** The concrete command or advice for this OS, when there is something to do. */
  fix?: string;
}

export interface DoctorReport {
  /** In the order the report shows them. */
  checks: DoctorCheck[];
  counts: Record<CheckStatus, number>;
  /** False when any check failed: `kubedojo doctor` then exits 1. */
  passed: boolean;
  /** The argv prefix kubedojo will run kubectl with, undefined when there is none. */
  kubectl: string[] | undefined;
}

export interface ProcessOutput {
  /** 127 when the program could not be started, 124 when it ran past its time. */
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs a program without a shell and collects its output; never throws. */
export interface ProcessRunOptions {
  /** Variables to set (or replace) in the child's environment for this run. */
  env?: Readonly<Record<string, string>>;
}

export type ProcessRunner = (argv: string[], options?: ProcessRunOptions) => Promise<ProcessOutput>;

/** Finds a program on the PATH; undefined when it is not there. */
export type ExecutableLookup = (name: string) => Promise<string | undefined>;

/** The OSes kubedojo gives install advice for; others get a link. */
export type Platform = NodeJS.Platform;
