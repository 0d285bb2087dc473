// A bounded memo for the pipeline's pure parsers of short fields: company names, titles, places, salary and
// date texts repeat across the postings of a dataset or a listing (one company posts hundreds of jobs; a
// board shows "15-25K" and "3天前" on every other card), and parsing them again was a quarter of an import's
// reading time. Values are frozen, as every caller gets the same one. When full, the memo starts over: a
// Map clear is cheaper than keeping recency, and a working set larger than the memo only loses hits.

export class Memo<V> {
  private readonly values = new Map<string, V>();

  constructor(private readonly capacity = 10_000) {}

  /** The value for `key`, computed by `compute` the first time it is asked for. */
  get(key: string, compute: () => V): V {
    const known = this.values.get(key);
    if (known !== undefined) return known;
    const value = compute();
    if (this.values.size >= this.capacity) this.values.clear();
    if (value !== undefined) this.values.set(key, deepFreeze(value));
    return value;
  }
}

function deepFreeze<V>(value: V): V {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
