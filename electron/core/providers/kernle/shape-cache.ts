import { API_SHAPE, WorkspaceMemory } from '../spec';
import type { KernleShape } from './schemas';

/**
 * Which API shape each workspace speaks, learned from its first answer and kept, so a detection
 * costs at most one call per workspace instead of one per operation (every Kernle call uses quota).
 * Kept in the registry's workspace memory, which the sync layer persists across restarts.
 */
export class KernleShapeCache {
  constructor(private readonly memory: WorkspaceMemory = new WorkspaceMemory()) {}

  get(workspaceKey: string): KernleShape | undefined {
    const v = this.memory.get(workspaceKey, API_SHAPE);
    return v === 'A' || v === 'B' ? v : undefined;
  }

  learn(workspaceKey: string, shape: KernleShape): void {
    this.memory.learn(workspaceKey, API_SHAPE, shape);
  }

  /** Seeds a shape known from an earlier run, without reporting it back. */
  seed(workspaceKey: string, shape: KernleShape): void {
    this.memory.seed(workspaceKey, API_SHAPE, shape);
  }

  forget(workspaceKey: string): void {
    this.memory.forget(workspaceKey, API_SHAPE);
  }
}
