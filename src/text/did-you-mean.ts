// "Did you mean …?" for a name the user mistyped (a city, a role, a source, a job): the known names closest
// to it by edit distance (Damerau–Levenshtein, as commander uses for commands), compared without case. Only
// close ones count — about one edit in three characters, at least one — so a word that is simply unknown
// gets no wild guess.

/** The known names closest to `input`, best first (ties kept, at most three); empty when none is close. */
export function closestNames(input: string, candidates: Iterable<string>): string[] {
  const word = input.trim().toLowerCase();
  if (!word) return [];
  const limit = Math.max(1, Math.floor([...word].length / 3));
  let best = Number.POSITIVE_INFINITY;
  let found: string[] = [];
  for (const candidate of new Set(candidates)) {
    const distance = editDistance(word, candidate.toLowerCase());
    if (distance === 0 || distance > limit) continue;
    if (distance < best) {
      best = distance;
      found = [candidate];
    } else if (distance === best) {
      found.push(candidate);
    }
  }
  return found.slice(0, 3);
}

/**
 * ` (did you mean X?)`, ` (did you mean X or Y?)`, or '' when nothing is close: to follow the unknown name in
 * an error, as in `unknown city "Shangai" (did you mean Shanghai (上海)?): …`.
 */
export function didYouMean(
  input: string,
  candidates: Iterable<string>,
  display = (name: string) => name,
): string {
  const names = [...new Set(closestNames(input, candidates).map(display))];
  if (names.length === 0) return '';
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
  return ` (did you mean ${list}?)`;
}

/** Optimal string alignment distance over code points (a swap of two neighbours is one edit). */
export function editDistance(a: string, b: string): number {
  const s = [...a];
  const t = [...b];
  if (Math.abs(s.length - t.length) > 3) return Math.max(s.length, t.length);
  const d: number[][] = Array.from({ length: s.length + 1 }, (_, i) => [i]);
  for (let j = 0; j <= t.length; j++) d[0]![j] = j;
  for (let i = 1; i <= s.length; i++) {
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let value = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) {
        value = Math.min(value, d[i - 2]![j - 2]! + 1);
      }
      d[i]![j] = value;
    }
  }
  return d[s.length]![t.length]!;
}
