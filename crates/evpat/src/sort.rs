//! Sorting that keeps the page's WebAssembly small.
//!
//! The standard library's sorts (driftsort and ipnsort) are fast, but every
//! element type and comparison gets its own copy of several kilobytes of
//! code: the dozen sorts of matching and explaining cost the page about
//! 37 KB of wasm. On wasm32 they all go through [`order`] instead: one
//! heapsort of indices, not generic, whose comparison falls back to the
//! index so that the result is stable. Natively, where size does not
//! matter, they stay the standard library's.

use std::cmp::Ordering;

/// Sorts `items` stably by `compare`, as `slice::sort_by` does.
pub(crate) fn sort_by<T>(items: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    #[cfg(not(target_arch = "wasm32"))]
    items.sort_by(&mut compare);
    #[cfg(target_arch = "wasm32")]
    {
        let order = order(items.len(), &mut |a, b| compare(&items[a], &items[b]));
        permute(items, order);
    }
}

/// Sorts `items` stably by `key`, as `slice::sort_by_key` does.
pub(crate) fn sort_by_key<T, K: Ord>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` and removes repeats, as `sort_unstable` and `dedup` do.
pub(crate) fn sort_dedup<T: Ord>(items: &mut Vec<T>) {
    sort_by(items, T::cmp);
    items.dedup();
}

/// The indices `0..len` in the order `compare` gives them, equal ones in
/// index order: a heapsort, in `O(len log len)` comparisons and no
/// recursion.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn order(len: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut less = |a: usize, b: usize| compare(a, b).then(a.cmp(&b)) == Ordering::Less;
    let mut heap: Vec<usize> = (0..len).collect();
    // Restores the max-heap below `root`, within `heap[..end]`.
    let mut sift_down = |heap: &mut [usize], mut root: usize, end: usize| loop {
        let mut child = 2 * root + 1;
        if child >= end {
            break;
        }
        if child + 1 < end && less(heap[child], heap[child + 1]) {
            child += 1;
        }
        if !less(heap[root], heap[child]) {
            break;
        }
        heap.swap(root, child);
        root = child;
    };
    for root in (0..len / 2).rev() {
        sift_down(&mut heap, root, len);
    }
    for end in (1..len).rev() {
        heap.swap(0, end);
        sift_down(&mut heap, 0, end);
    }
    heap
}

/// Rearranges `items` so that item `i` is the old item `order[i]`, in
/// place, one cycle of the permutation at a time; `order`, a permutation
/// of `0..items.len()`, is used up as the record of what is in place.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn permute<T>(items: &mut [T], mut order: Vec<usize>) {
    const DONE: usize = usize::MAX;
    for start in 0..order.len() {
        // Along the cycle: `i` is to take the old item `order[i]`, which is
        // still in its old place unless it is `start`'s, which the swaps
        // have carried along to `i`.
        let mut i = start;
        while order[i] != DONE {
            let from = std::mem::replace(&mut order[i], DONE);
            if from == start {
                break;
            }
            items.swap(i, from);
            i = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the page's sort gives, whatever the target.
    fn sorted_by_order(items: &[(u8, u16)]) -> Vec<(u8, u16)> {
        let mut items = items.to_vec();
        let order = order(items.len(), &mut |a, b| items[a].0.cmp(&items[b].0));
        permute(&mut items, order);
        items
    }

    #[test]
    fn sorts_stably() {
        let items = [(3, 0), (1, 1), (3, 2), (0, 3), (1, 4), (3, 5)];
        assert_eq!(sorted_by_order(&items), [(0, 3), (1, 1), (1, 4), (3, 0), (3, 2), (3, 5)]);
        assert_eq!(sorted_by_order(&[]), []);
        assert_eq!(sorted_by_order(&[(9, 9)]), [(9, 9)]);
    }

    #[test]
    fn helpers_sort_as_the_standard_library_does() {
        let mut items = vec![(2, 'b'), (1, 'z'), (2, 'a'), (1, 'y')];
        sort_by_key(&mut items, |item| item.0);
        assert_eq!(items, [(1, 'z'), (1, 'y'), (2, 'b'), (2, 'a')]);
        let mut items = vec![3, 1, 3, 2, 1];
        sort_dedup(&mut items);
        assert_eq!(items, [1, 2, 3]);
    }

    // proptest is a native dev-dependency only.
    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        /// The heapsort of indices is a stable sort: the standard
        /// library's stable sort gives the same order, with keys that
        /// repeat often.
        #[test]
        fn order_is_the_stable_sort(keys in proptest::collection::vec(0u8..8, 0..300)) {
            let items: Vec<(u8, u16)> =
                keys.iter().enumerate().map(|(i, &k)| (k, i as u16)).collect();
            let mut expected = items.clone();
            expected.sort_by_key(|item| item.0);
            proptest::prop_assert_eq!(sorted_by_order(&items), expected);
        }
    }
}
