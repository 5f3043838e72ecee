//! Stable sorts through one shared copy of the standard library's sort:
//! every `sort_by_key` with a closure of its own compiles the whole sort
//! again, about 2 KB of the download each (BENCHMARKS.md, 2026-12-04).
//! Here only the order of the indices is sorted, always by the same code.

use std::cmp::Ordering;

/// Sorts `items` by `compare`, keeping equal items in their order.
pub fn sort_by<T>(items: &mut Vec<T>, compare: impl Fn(&T, &T) -> Ordering) {
    let order = sorted_order(items.len(), &|a, b| compare(&items[a], &items[b]));
    put_in_order(items, order);
}

/// Sorts `items` by the key of each, computed once per item, keeping
/// items with equal keys in their order.
pub fn sort_by_key<T, K: Ord>(items: &mut Vec<T>, key: impl Fn(&T) -> K) {
    let keys: Vec<K> = items.iter().map(key).collect();
    let order = sorted_order(keys.len(), &|a, b| keys[a].cmp(&keys[b]));
    put_in_order(items, order);
}

fn sorted_order(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

fn put_in_order<T>(items: &mut Vec<T>, order: Vec<usize>) {
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.into_iter().filter_map(|at| slots[at].take()));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_stably_by_key_and_by_comparison() {
        let mut words = vec!["pear", "fig", "apple", "kiwi", "date"];
        sort_by_key(&mut words, |w| w.len());
        assert_eq!(words, ["fig", "pear", "kiwi", "date", "apple"]);
        sort_by(&mut words, |a, b| b.cmp(a));
        assert_eq!(words, ["pear", "kiwi", "fig", "date", "apple"]);
        let mut none: Vec<u8> = Vec::new();
        sort_by_key(&mut none, |n| *n);
        assert!(none.is_empty());
    }
}
