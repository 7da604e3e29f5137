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
