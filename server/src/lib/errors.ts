// The one error type of the server. Services throw it; the error handler turns it into { code, message, … }.
import { ERROR_CODES, type ErrorCode, type FieldIssue } from '@tingquan/common';

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly extra: { issues?: FieldIssue[]; allowedActions?: string[] } = {},
  ) {
    super(message ?? code);
    this.status = ERROR_CODES[code];
  }
}

export const notFound = (what = 'item') => new AppError('not_found', `${what} not found`);
export const forbidden = (message = 'not allowed') => new AppError('forbidden', message);
export const invalidField = (path: string, message: string) =>
  new AppError('validation', `${path}: ${message}`, { issues: [{ path, message }] });
