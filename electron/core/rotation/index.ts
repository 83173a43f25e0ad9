export { RotationService, type RotationDeps } from './rotation-service';
