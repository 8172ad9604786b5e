/** Levenshtein distance, for "did you mean" hints. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({length: b.length + 1}, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const cur = [i]
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1))
    prev = cur
  }
  return prev[b.length]
}

/**
 * The closest candidate to `word`, if it is close enough to be a plausible typo (or `word` is a
 * fragment of it, e.g. "retention" -> "retention.ms").
 */
export function closestMatch(word: string, candidates: Iterable<string>): string | undefined {
  const w = word.toLowerCase()
  let best: string | undefined
  let bestScore = Number.POSITIVE_INFINITY
  for (const c of candidates) {
    const d = editDistance(w, c.toLowerCase())
    if (d < bestScore) [best, bestScore] = [c, d]
  }
  if (best !== undefined && bestScore <= Math.max(2, Math.floor(w.length / 3))) return best
  const containing = [...candidates].filter((c) => c.toLowerCase().includes(w)).sort((a, b) => a.length - b.length)
  return w.length >= 4 ? containing[0] : undefined
}

export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  const match = closestMatch(word, candidates)
  return match === undefined ? undefined : `Did you mean ${match}?`
}
