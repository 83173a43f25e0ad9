import { ProviderError } from './errors';

/**
 * A byte allowance shared by every response of one operation (all pages of one list). One page
 * is already capped; this caps the sum, so a service that keeps saying "more pages" with big
 * answers stops at a size no real key list reaches instead of at the machine's memory.
 */
export class ResponseBudget {
  private spent = 0;

  constructor(
    readonly maxBytes: number,
    /** What the operation is, for the message ("Kernel's key list"). */
    private readonly what: string,
  ) {}

  spend(bytes: number): void {
    this.spent += bytes;
    if (this.spent > this.maxBytes) {
      throw new ProviderError(
        'response_too_large',
        `${this.what} passed ${Math.round(this.maxBytes / (1024 * 1024))} MiB in total, far beyond any real key list. Keydeck stopped reading and kept what it had stored; check the workspace's base URL points at the API.`,
      );
    }
  }
}
