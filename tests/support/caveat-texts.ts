// The English texts of analysis caveats, for tests that look for words in them.
import type { Caveat } from '../../src/analysis/caveat-codes.js';

export function texts(caveats: readonly Caveat[]): string[] {
  return caveats.map((c) => c.text);
}
