import type { AppErrorShape, ErrorCode } from '../../shared/result';

/** The one error type the core throws on purpose. Its message must be safe to show: no secret, ever. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly extra: Omit<AppErrorShape, 'code' | 'message'>;

  constructor(code: ErrorCode, message: string, extra: Omit<AppErrorShape, 'code' | 'message'> = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.extra = extra;
  }

  toShape(): AppErrorShape {
    return { code: this.code, message: this.message, ...this.extra };
  }
}

export const notFound = (what: string, id: string) => new AppError('not_found', `No ${what} with id ${id}. It may have been deleted in another window or by the CLI.`);
