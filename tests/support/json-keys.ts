// Checks of the one JSON dialect: every key snake_case at every depth, and no key twice in one object.

const SNAKE = /^[a-z0-9]+(_[a-z0-9]+)*$/;

/**
 * Paths of the keys in `value` that are not snake_case. A health share is keyed by a field's name, and a
 * source's own fields are named `extra.<snake_case>`: one dot after `extra` is allowed, nothing else.
 */
export function badKeys(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => badKeys(v, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, v]) => {
    const ok = SNAKE.test(key) || (key.startsWith('extra.') && SNAKE.test(key.slice(6)));
    return [...(ok ? [] : [`${path}.${key}`]), ...badKeys(v, `${path}.${key}`)];
  });
}

/** Keys that appear twice in one object of a JSON text (JSON.parse would silently keep the last). */
export function repeatedKeys(json: string): string[] {
  const repeated: string[] = [];
  const stack: Set<string>[] = [];
  // A small scan of the text: strings, and which of them are keys (followed by a colon).
  const token = /"((?:[^"\\]|\\.)*)"\s*(:)?|[{}[\]]/g;
  for (const match of json.matchAll(token)) {
    if (match[0] === '{') stack.push(new Set());
    else if (match[0] === '}') stack.pop();
    else if (match[2] === ':') {
      const keys = stack.at(-1);
      if (keys?.has(match[1]!)) repeated.push(match[1]!);
      keys?.add(match[1]!);
    }
  }
  return repeated;
}
