// The one way a command prints JSON: indented, with every key in snake_case like the database (DESIGN.md,
// "Interfaces"). Analysis results are TypeScript objects with camelCase fields; they become snake_case here,
// at the output boundary, so the types stay idiomatic and no command can forget.
import { snakeCaseKeys } from '../text/snake-case-keys.js';

/** `value` as the JSON a command prints: snake_case keys at every depth, two-space indent, a final newline. */
export function jsonText(value: unknown): string {
  return `${JSON.stringify(snakeCaseKeys(value), null, 2)}\n`;
}
