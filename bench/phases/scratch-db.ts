// Scratch databases of the bench: each phase starts from an empty file, so an earlier run's pages (or its
// WAL) never count in a measurement.
import { rmSync } from 'node:fs';

/** Removes a scratch database with its WAL and shared-memory files, if any. */
export function removeScratchDatabase(path: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
}
