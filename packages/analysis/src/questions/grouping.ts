// Grouping of question wordings: a wording joins the earliest group whose first wording (its head) it matches with
// Jaccard ≥ `threshold`, else it starts a group. Candidates come from prefix filtering, as in similarity joins: with
// every token set ordered rarest token first, two sets with Jaccard ≥ t share a token among the first
// n − ⌈t·n⌉ + 1 of each, so heads are indexed by their prefix tokens and a wording probes with its own prefix; where
// they first share a token bounds how much more they can share (positional filter). Both filters only skip pairs
// that cannot reach the threshold, so the groups are exactly those of comparing with every group in turn.
//
// The index keeps, per token, one list of heads per (position of the token in the head, head size): the positional
// filter depends only on those two and the probe's position, so a list that fails it is skipped whole. A token every
// templated question shares ("else" in "Who else should be in the … review?") then costs one check per list, not
// one per head.

interface Bucket {
  /** Position of the token in the heads' ordered tokens. */
  at: number;
  /** The heads' token counts. */
  size: number;
  /** Group numbers, ascending (groups are numbered as they are made). */
  groups: number[];
}

/** Tokens shared by two ascending runs of token ranks, ranks[a .. aEnd) and ranks[b .. bEnd). */
function sharedCount(ranks: Int32Array, a: number, aEnd: number, b: number, bEnd: number): number {
  let shared = 0;
  while (a < aEnd && b < bEnd) {
    const x = ranks[a]!;
    const y = ranks[b]!;
    if (x === y) {
      shared++;
      a++;
      b++;
    } else if (x < y) a++;
    else b++;
  }
  return shared;
}

/**
 * Wording w's distinct tokens are `ranks[starts[w] .. starts[w + 1])`, as ranks (0 = rarest token; ties in rarity
 * broken by the token's text), ascending. Returns, per group, its wordings' numbers in input order; groups in the
 * order they were made.
 */
export function groupWordings(
  ranks: Int32Array,
  starts: Int32Array,
  count: number,
  threshold: number,
): number[][] {
  const groups: number[][] = [];
  /** The wording that heads each group. */
  const heads: number[] = [];
  // Per token rank, its buckets keyed by size × (size − 1) / 2 + position (unique for position < size).
  const index: (Map<number, Bucket> | undefined)[] = [];
  // Which wording last looked at a group, so a group reached through two tokens is compared once.
  const lastProbe: number[] = [];
  const overlapFor = (a: number, b: number) => (threshold * (a + b)) / (1 + threshold) - 1e-9;
  for (let w = 0; w < count; w++) {
    const from = starts[w]!;
    const to = starts[w + 1]!;
    const n = to - from;
    const prefix = Math.min(n, n - Math.ceil(threshold * n) + 1);
    let home = Number.POSITIVE_INFINITY;
    for (let i = 0; i < prefix; i++) {
      const buckets = index[ranks[from + i]!];
      if (!buckets) continue;
      for (const { at, size, groups: list } of buckets.values()) {
        // Positional filter: the first shared token sits at i and at, so at most 1 + the shorter rest is shared.
        // A group first reached here and failing it fails at every later shared token too (the rests only shrink).
        if (1 + Math.min(n - i - 1, size - at - 1) < overlapFor(n, size)) continue;
        for (const group of list) {
          if (group >= home) break;
          if (lastProbe[group] === w) continue;
          lastProbe[group] = w;
          const head = heads[group]!;
          const headFrom = starts[head]!;
          const headTo = starts[head + 1]!;
          const shared = sharedCount(ranks, headFrom, headTo, from, to);
          const union = headTo - headFrom + n - shared;
          if ((union === 0 ? 1 : shared / union) >= threshold) home = group;
        }
      }
    }
    if (home !== Number.POSITIVE_INFINITY) {
      groups[home]!.push(w);
      continue;
    }
    const group = groups.length;
    groups.push([w]);
    heads.push(w);
    for (let at = 0; at < prefix; at++) {
      const token = ranks[from + at]!;
      let buckets = index[token];
      if (!buckets) {
        buckets = new Map();
        index[token] = buckets;
      }
      const key = (n * (n - 1)) / 2 + at;
      const bucket = buckets.get(key);
      if (bucket) bucket.groups.push(group);
      else buckets.set(key, { at, size: n, groups: [group] });
    }
  }
  return groups;
}

/**
 * Ranks tokens by how many wordings hold them (rarest first, ties by the token's text) and gives each wording its
 * ranks, ascending: the order prefix filtering needs. Wording w's distinct token ids are
 * `tokens[starts[w] .. starts[w + 1])`; `text` is each token id's text. The ranks come back in the same layout.
 */
export function rankTokenIds(
  tokens: Int32Array,
  starts: Int32Array,
  count: number,
  text: readonly string[],
): Int32Array {
  const end = starts[count]!;
  const frequency = new Int32Array(text.length);
  for (let i = 0; i < end; i++) frequency[tokens[i]!]!++;
  const order: number[] = [];
  for (let t = 0; t < text.length; t++) if (frequency[t]! > 0) order.push(t);
  order.sort(
    (a, b) => frequency[a]! - frequency[b]! || (text[a]! < text[b]! ? -1 : text[a]! > text[b]! ? 1 : 0),
  );
  const rank = new Int32Array(text.length);
  order.forEach((t, i) => {
    rank[t] = i;
  });
  const ranks = new Int32Array(end);
  for (let w = 0; w < count; w++) {
    const from = starts[w]!;
    const to = starts[w + 1]!;
    // Insertion sort: a wording holds a handful of tokens.
    for (let i = from; i < to; i++) {
      const r = rank[tokens[i]!]!;
      let j = i;
      while (j > from && ranks[j - 1]! > r) {
        ranks[j] = ranks[j - 1]!;
        j--;
      }
      ranks[j] = r;
    }
  }
  return ranks;
}
