/** A deterministic prose-like corpus for search benchmarks: a Zipf-distributed vocabulary of made-up words. */
export function mulberry32(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = 'ka lo mi ren sa tor vel un dra pe ish ol mar quin bel tas fro gul nor wen ast ry lum cor'.split(' ');

export function vocabulary(size: number, random: () => number): string[] {
  const words = new Set<string>(['the', 'and', 'she', 'was', 'of', 'a', 'to', 'in', 'he', 'it', 'café', 'naïve']);
  while (words.size < size) {
    const n = 1 + Math.floor(random() * 4); // 24 syllables, up to four: room for 346,000 words
    let word = '';
    for (let i = 0; i < n; i++) word += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
    words.add(word);
  }
  return [...words];
}

/** Picks vocabulary ranks with a Zipf(1) distribution: a few words everywhere, most words rare. */
export function zipf(size: number, random: () => number): () => number {
  const weights = Array.from({ length: size }, (_, i) => 1 / (i + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const cumulative: number[] = [];
  let sum = 0;
  for (const w of weights) cumulative.push((sum += w / total));
  return () => {
    const r = random();
    let lo = 0;
    let hi = size - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < r) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

/** `words` words of paragraphs (about 60 words each), sentences capitalised and ended. */
export function prose(words: number, vocab: string[], rank: () => number, random: () => number): string[] {
  const paragraphs: string[] = [];
  for (let written = 0; written < words; ) {
    const n = Math.min(60, words - written);
    const out: string[] = [];
    for (let i = 0; i < n; i++) {
      let w = vocab[rank()]!;
      if (i === 0 || out[i - 1]!.endsWith('.')) w = w[0]!.toUpperCase() + w.slice(1);
      if (random() < 0.08 || i === n - 1) w += '.';
      out.push(w);
    }
    paragraphs.push(out.join(' '));
    written += n;
  }
  return paragraphs;
}
