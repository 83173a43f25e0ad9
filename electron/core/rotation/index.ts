export { RotationService } from './rotation-service';
export type { RotationDeps } from './context';
