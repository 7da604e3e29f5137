//! Typed ids: an index into one of the model's lists, so that a case study's
//! id can never be used to look up an organisation or a term.

use serde::Serialize;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        pub struct $name(u32);

        impl $name {
            /// The id of the item at `index` of its list. Lists are built by
            /// the model from content files, far fewer than `u32::MAX`.
            pub fn new(index: usize) -> $name {
                $name(u32::try_from(index).unwrap_or(u32::MAX))
            }

            /// The index into its list.
            pub fn index(self) -> usize {
                self.0 as usize
            }

            /// Ids of a list of `len` items, in order.
            pub fn all(len: usize) -> impl Iterator<Item = $name> {
                (0..len).map($name::new)
            }
        }
    };
}

id_type!(
    /// A case study: its place in `Site::case_studies` (sorted by title).
    CaseStudyId
);
id_type!(
    /// A content page: its place in `Site::pages`.
    PageId
);
id_type!(
    /// An organisation: its place in `Site::organisations`.
    OrgId
);
id_type!(
    /// A term of a taxonomy: its place in that taxonomy's list.
    TermId
);
id_type!(
    /// A tag of the case studies: its place in `Site::tags` (by label).
    TagId
);

/// A case study moved from one place in the title order to another, as a
/// retitle does: the case studies between the two places shift one place
/// towards where it was, and every id held elsewhere follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Moved {
    pub from: CaseStudyId,
    pub to: CaseStudyId,
}

impl Moved {
    /// Where the case study that had `id` is now.
    pub fn apply(self, id: CaseStudyId) -> CaseStudyId {
        let (from, to, i) = (self.from.0, self.to.0, id.0);
        CaseStudyId(if i == from {
            to
        } else if from < to && (from + 1..=to).contains(&i) {
            i - 1
        } else if to < from && (to..from).contains(&i) {
            i + 1
        } else {
            i
        })
    }

    /// The move back: where the case study now at `id` was before.
    pub fn undone(self) -> Moved {
        Moved {
            from: self.to,
            to: self.from,
        }
    }

    /// Moves the item of a list kept in id order along with its case study.
    pub fn rotate<T>(self, items: &mut [T]) {
        let (from, to) = (self.from.index(), self.to.index());
        if from < to {
            items[from..=to].rotate_left(1);
        } else if to < from {
            items[to..=from].rotate_right(1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_move_shifts_the_ids_between_its_ends_and_no_others() {
        let ids = |v: &[u32]| v.iter().map(|&i| CaseStudyId(i)).collect::<Vec<_>>();
        for (from, to) in [(1, 3), (3, 1), (0, 4), (4, 0), (2, 2)] {
            let moved = Moved {
                from: CaseStudyId(from),
                to: CaseStudyId(to),
            };
            let mut list = ids(&[0, 1, 2, 3, 4]);
            moved.rotate(&mut list);
            // After rotating, the item at each place is the one whose id
            // moved there.
            for (place, old) in list.iter().enumerate() {
                assert_eq!(moved.apply(*old).index(), place, "{from} -> {to}");
                assert_eq!(moved.undone().apply(CaseStudyId::new(place)), *old);
            }
        }
    }
}
