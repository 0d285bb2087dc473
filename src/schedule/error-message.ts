// One line saying why something failed, for the scheduler's logs and a job run's summary: a UserError's own
// message, an Error's message, or the value itself.
import { UserError } from '../errors.js';

export function errorMessage(error: unknown): string {
  if (error instanceof UserError) return error.message;
  return error instanceof Error ? error.message : String(error ?? 'unknown reason');
}
