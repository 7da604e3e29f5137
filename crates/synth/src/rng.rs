//! SplitMix64 and the weighted draws built on it.

/// SplitMix64 (Steele, Lea and Flood 2014): tiny, fast and the same everywhere.
pub(crate) struct Rng(u64);

impl Rng {
    /// A generator in a given state, for tests that need a fixed stream.
    #[cfg(test)]
    pub(crate) fn with_state(state: u64) -> Rng {
        Rng(state)
    }

    pub(crate) fn for_file(seed: u64, index: u64) -> Rng {
        let mut base = Rng(seed);
        let a = base.next_u64();
        let mut r = Rng(a ^ index.wrapping_mul(0xD1B5_4A32_D192_ED03));
        r.next_u64();
        r
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (Lemire's multiply-shift; the bias is negligible).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        debug_assert!(n > 0);
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// Uniform in `lo..=hi`.
    pub(crate) fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `percent`/100.
    pub(crate) fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub(crate) fn pick_str(&mut self, items: &[&'static str]) -> &'static str {
        items[self.below(items.len())]
    }

    pub(crate) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// An index into a list of `n` items ordered from most to least common,
    /// with weights proportional to 1/rank (Zipf's law with s = 1).
    pub(crate) fn zipf(&mut self, n: usize) -> usize {
        let n = n.min(ZIPF_MAX);
        let total = ZIPF_CUMULATIVE[n];
        let x = ((u128::from(self.next_u64()) * u128::from(total)) >> 64) as u64;
        // First rank whose cumulative weight exceeds x.
        ZIPF_CUMULATIVE[1..=n].partition_point(|&c| c <= x)
    }

    /// An index drawn by a table of cumulative integer weights:
    /// `cumulative[k]` is the total weight of the items before item `k`, so
    /// the table has one entry more than there are items (and at least 2).
    pub(crate) fn by_cumulative(&mut self, cumulative: &[u64]) -> usize {
        let total = cumulative.last().copied().unwrap_or(0);
        let x = ((u128::from(self.next_u64()) * u128::from(total)) >> 64) as u64;
        // First item whose cumulative weight exceeds x; never past the last.
        let items = cumulative.len().saturating_sub(1);
        cumulative[1..]
            .partition_point(|&c| c <= x)
            .min(items.saturating_sub(1))
    }

    pub(crate) fn zipf_pick<'a>(&mut self, items: &'a [&'a str]) -> &'a str {
        items[self.zipf(items.len())]
    }

    /// Like [`Rng::zipf_pick`], but tries not to repeat a word already in
    /// `used` (so a sentence does not say "savings and savings").
    pub(crate) fn fresh_pick(
        &mut self,
        items: &[&'static str],
        used: &mut Vec<&'static str>,
    ) -> &'static str {
        let mut word = items[self.zipf(items.len())];
        for _ in 0..3 {
            if !used.contains(&word) {
                break;
            }
            word = items[self.zipf(items.len())];
        }
        used.push(word);
        word
    }

    /// Picks by explicit integer weights.
    pub(crate) fn weighted<'a, T>(&mut self, items: &'a [(T, usize)]) -> &'a T {
        let total: usize = items.iter().map(|(_, w)| w).sum();
        let mut x = self.below(total);
        for (item, w) in items {
            if x < *w {
                return item;
            }
            x -= w;
        }
        &items[items.len() - 1].0
    }

    /// `k` distinct indexes below `n` (k ≤ n), Zipf-weighted, in draw order.
    pub(crate) fn distinct_zipf(&mut self, n: usize, k: usize) -> Vec<usize> {
        let mut out = Vec::with_capacity(k);
        while out.len() < k.min(n) {
            let i = self.zipf(n);
            if !out.contains(&i) {
                out.push(i);
            }
        }
        out
    }
}

const ZIPF_MAX: usize = 512;

/// `ZIPF_CUMULATIVE[k]` = Σ_{r<k} ⌊2^24 / (r+1)⌋: integer Zipf weights,
/// computed at compile time.
static ZIPF_CUMULATIVE: [u64; ZIPF_MAX + 1] = zipf_table();

const fn zipf_table() -> [u64; ZIPF_MAX + 1] {
    let mut t = [0u64; ZIPF_MAX + 1];
    let mut k = 1;
    while k <= ZIPF_MAX {
        t[k] = t[k - 1] + (1 << 24) / k as u64;
        k += 1;
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    pub(crate) fn rng_is_stable() {
        // Pinned outputs: a change here changes every generated corpus.
        let mut r = Rng(0);
        assert_eq!(r.next_u64(), 0xE220_A839_7B1D_CDAF);
        let mut r = Rng(1234567);
        assert_eq!(r.next_u64(), 6457827717110365317);
        let mut z = Rng(5);
        let mut hits = [0usize; 4];
        for _ in 0..10_000 {
            hits[z.zipf(4)] += 1;
        }
        assert!(
            hits[0] > hits[1] && hits[1] > hits[2] && hits[2] > hits[3],
            "{hits:?}"
        );
    }
}
