/**
 * The stages Gatehouse deploys and what differs between them: sizes, protection, limits.
 * Account-specific values (domains, the Google client) come from CDK context (see `context.ts`).
 */

export interface StageSettings {
  name: string;
  /** Production data: deletion protection on the pool and the database, resources retained on stack deletion. */
  production: boolean;
  api: {
    /** Fargate task size (vCPU units and MiB). */
    cpu: 256 | 512 | 1024;
    memoryMiB: number;
    minTasks: number;
    maxTasks: number;
    /** Average CPU the auto-scaler aims for. */
    targetCpuPercent: number;
  };
  database: {
    /** EC2 instance class and size for RDS, e.g. `t4g.micro`. */
    instanceType: string;
    multiAz: boolean;
    allocatedStorageGiB: number;
    backupRetentionDays: number;
  };
  /** NAT gateways; 0 puts the tasks in public subnets (public IP, inbound only from the load balancer). */
  natGateways: number;
  /**
   * Cognito's Plus feature plan with threat protection enforced: compromised-credential checks and
   * adaptive authentication (risk-based MFA or block). Priced per monthly active user above the
   * Lite plan, with no free tier (README "Security notes").
   */
  threatProtection: boolean;
  /** Requests one client IP may send in 5 minutes before the WAF blocks it (across every task). */
  wafRequestsPerIpPer5Minutes: number;
  logRetentionDays: number;
}

export const STAGES: Readonly<Record<string, StageSettings>> = {
  dev: {
    name: 'dev',
    production: false,
    api: { cpu: 256, memoryMiB: 512, minTasks: 1, maxTasks: 2, targetCpuPercent: 60 },
    database: { instanceType: 't4g.micro', multiAz: false, allocatedStorageGiB: 20, backupRetentionDays: 1 },
    natGateways: 0,
    threatProtection: false,
    wafRequestsPerIpPer5Minutes: 1000,
    logRetentionDays: 7,
  },
  prod: {
    name: 'prod',
    production: true,
    api: { cpu: 512, memoryMiB: 1024, minTasks: 2, maxTasks: 10, targetCpuPercent: 60 },
    database: { instanceType: 't4g.small', multiAz: true, allocatedStorageGiB: 20, backupRetentionDays: 7 },
    natGateways: 1,
    threatProtection: true,
    wafRequestsPerIpPer5Minutes: 1000,
    logRetentionDays: 90,
  },
};

/** The settings of a stage by name, or an error listing the known ones. */
export function stageSettings(name: string): StageSettings {
  const stage = STAGES[name];
  if (stage === undefined) {
    throw new Error(`Unknown stage "${name}": use one of ${Object.keys(STAGES).join(', ')}`);
  }
  return stage;
}
