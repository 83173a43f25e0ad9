export { AsimovClient } from './client';
