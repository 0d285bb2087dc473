// New JSON output uses snake_case keys, like the database: this turns the camelCase keys of plain analysis
// objects into snake_case (asOf → as_of, sourceId → source_id), deeply. Values are left as they are.

/** "sourceId" → "source_id", "holmPValue" → "holm_p_value"; keys already in snake_case stay as they are. */
export function snakeCase(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

/** A deep copy of `value` with every object key in snake_case. */
export function snakeCaseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(snakeCaseKeys);
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([key, v]) => [snakeCase(key), snakeCaseKeys(v)]),
    );
  }
  return value;
}
