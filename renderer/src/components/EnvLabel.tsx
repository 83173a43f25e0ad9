import type { Environment } from '../../../shared/domain';

const LABELS: Record<Environment, string> = { dev: 'dev', staging: 'staging', prod: 'prod' };

export function EnvLabel({ environment }: { environment: Environment }) {
  return <span className={`env-label env-${environment}`}>{LABELS[environment]}</span>;
}
