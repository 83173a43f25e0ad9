import type { KernleShape } from './schemas';

/**
 * Which API shape each workspace speaks, learned from its first answer and kept, so a detection
 * costs at most one call per workspace instead of one per operation (every Kernle call uses quota).
 * `onLearn` lets the sync layer persist it across restarts.
 */
export class KernleShapeCache {
  private readonly shapes = new Map<string, KernleShape>();
  constructor(private readonly onLearn?: (workspaceKey: string, shape: KernleShape) => void) {}

  get(workspaceKey: string): KernleShape | undefined {
    return this.shapes.get(workspaceKey);
  }

  learn(workspaceKey: string, shape: KernleShape): void {
    if (this.shapes.get(workspaceKey) === shape) return;
    this.shapes.set(workspaceKey, shape);
    this.onLearn?.(workspaceKey, shape);
  }

  /** Seeds a shape known from an earlier run, without reporting it back. */
  seed(workspaceKey: string, shape: KernleShape): void {
    this.shapes.set(workspaceKey, shape);
  }

  forget(workspaceKey: string): void {
    this.shapes.delete(workspaceKey);
  }
}
