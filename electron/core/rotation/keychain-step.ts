import { AppError } from '../errors';
import type { SecretStore } from '../ports';
import { detailOf, type Journal } from './journal';
import type { RotationProgress } from './progress';

/** The keychain step: the new secret goes to the keychain the moment the service hands it over. */
export class KeychainStep {
  constructor(
    private readonly secrets: SecretStore,
    private readonly journal: Journal,
    private readonly progress: RotationProgress,
  ) {}

  async store(rotationId: string, id: string, secret: string): Promise<void> {
    try {
      await this.secrets.set(id, secret);
    } catch {
      const row = this.journal.get(rotationId)!;
      this.progress.needsAttention(row, 'keychain_unavailable', `The service made a new key for "${detailOf(row).name}" but the keychain refused to store it. Unlock the keychain, then retry.`);
      throw new AppError('keychain_unavailable', 'The keychain refused to store the new key. Unlock it and retry from "Needs attention"; Keydeck will clean up the half-made key.');
    }
  }
}
