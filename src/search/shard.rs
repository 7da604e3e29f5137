//! Reading a search shard (`terms-<n>.<hash>.bin`, once gunzipped) back:
//! the format `engine.js` reads in the browser, decoded with every length
//! checked against the bytes there are. The exporter's tests read their own
//! output back with it, and the fuzz target `search_shard` gives it any
//! bytes: it returns an error, never panics or allocates more than the
//! input can describe.
//!
//! Layout (see `export::encode_shard`): `CST3`; how many rows a head
//! carries at most (`top`); how many text fields; the term count; per term, front-coded (bytes
//! shared with the previous term, the suffix's length, the suffix), the
//! document count summed over fields and the length of its head; the
//! heads of every term, one after another; then the display records, a
//! JSON object by document id. A term's head: its document count, its
//! facet counts (how many, then value and count pairs), then, when it has
//! at most `top` documents, every document's row; else each field's
//! document count and the rows of its `top` best documents (their other
//! rows are in a postings file, `CSP1`, which `engine.js` reads with the
//! same code). A row: the gap from the previous id, a field mask and, for
//! each field in the mask, the term frequency and a norm byte.

use std::fmt;

#[derive(Debug, Clone, PartialEq)]
pub struct Shard {
    pub terms: Vec<ShardTerm>,
    /// Display records of the best documents for these terms, by id.
    pub display: serde_json::Map<String, serde_json::Value>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShardTerm {
    pub term: String,
    /// Documents holding it, summed over the fields.
    pub df_sum: u64,
    /// (facet value, documents) for its documents.
    pub facet_counts: Vec<(u64, u64)>,
    /// How many documents hold it.
    pub documents: u64,
    /// Every document's row, or, when it has more than the shard's `top`,
    /// the best documents' rows (in document order).
    pub postings: Vec<Posting>,
    /// Documents per field, only when `postings` are the best alone.
    pub field_documents: Option<Vec<u64>>,
}

/// One document holding a term: in which fields, how often, and each
/// field's length norm.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Posting {
    pub doc: u64,
    /// (field, term frequency, norm byte), in field order.
    pub fields: Vec<(u8, u64, u8)>,
}

/// Why bytes are not a shard, and where (a byte offset).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShardError {
    NotAShard,
    Truncated {
        at: usize,
    },
    /// A number longer than 64 bits.
    Overlong {
        at: usize,
    },
    /// A count or length larger than the bytes left could hold.
    TooLarge {
        at: usize,
    },
    /// A term sharing more bytes with the previous one than it has, or not
    /// UTF-8.
    BadTerm {
        at: usize,
    },
    /// Terms out of order (the engine finds them by binary search).
    Unsorted {
        at: usize,
    },
    /// A term's postings do not fill exactly the length its entry gives.
    BadPostings {
        term: usize,
    },
    BadDisplay,
}

impl fmt::Display for ShardError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not a readable search shard: {self:?}")
    }
}

impl std::error::Error for ShardError {}

/// Decodes a whole shard.
pub fn decode(bytes: &[u8]) -> Result<Shard, ShardError> {
    let Some(rest) = bytes.strip_prefix(b"CST3") else {
        return Err(ShardError::NotAShard);
    };
    let mut r = Reader {
        bytes,
        at: bytes.len() - rest.len(),
    };
    let top = r.varint()?;
    let fields = r.varint()?.min(8);
    // Every term entry takes at least four bytes.
    let count = r.count(4)?;
    let mut entries: Vec<(String, u64, usize)> = Vec::with_capacity(count);
    let mut previous: Vec<u8> = Vec::new();
    for _ in 0..count {
        let at = r.at;
        let shared = r.count(0)?;
        let suffix = r.count(1)?;
        if shared > previous.len() {
            return Err(ShardError::BadTerm { at });
        }
        let mut term = previous[..shared].to_vec();
        term.extend_from_slice(r.take(suffix)?);
        let df_sum = r.varint()?;
        let length = r.count(1)?;
        let text = String::from_utf8(term.clone()).map_err(|_| ShardError::BadTerm { at })?;
        if let Some((last, _, _)) = entries.last()
            && !sorts_before(last, &text)
        {
            return Err(ShardError::Unsorted { at });
        }
        entries.push((text, df_sum, length));
        previous = term;
    }
    let mut terms = Vec::with_capacity(entries.len());
    for (i, (term, df_sum, length)) in entries.into_iter().enumerate() {
        let block = r.take(length)?;
        let head = postings(block, top, fields).map_err(|_| ShardError::BadPostings { term: i })?;
        terms.push(ShardTerm {
            term,
            df_sum,
            facet_counts: head.facet_counts,
            documents: head.documents,
            postings: head.postings,
            field_documents: head.field_documents,
        });
    }
    let rest = &bytes[r.at..];
    let display = if rest.is_empty() {
        serde_json::Map::new()
    } else {
        serde_json::from_slice(rest).map_err(|_| ShardError::BadDisplay)?
    };
    Ok(Shard { terms, display })
}

/// The order the engine's binary search needs: by Unicode code point, as
/// `cmp` in `engine.js` (UTF-8 byte order is the same order).
fn sorts_before(a: &str, b: &str) -> bool {
    a.as_bytes() < b.as_bytes()
}

struct Head {
    facet_counts: Vec<(u64, u64)>,
    documents: u64,
    postings: Vec<Posting>,
    field_documents: Option<Vec<u64>>,
}

/// One term's head, which must fill `block` exactly.
fn postings(block: &[u8], top: u64, fields: u64) -> Result<Head, ShardError> {
    let mut r = Reader {
        bytes: block,
        at: 0,
    };
    let documents = r.varint()?;
    let facets = r.count(2)?;
    let mut facet_counts = Vec::with_capacity(facets);
    for _ in 0..facets {
        facet_counts.push((r.varint()?, r.varint()?));
    }
    let field_documents = if documents > top {
        Some(
            (0..fields)
                .map(|_| r.varint())
                .collect::<Result<Vec<u64>, _>>()?,
        )
    } else {
        None
    };
    let at = r.at;
    let rows = documents.min(top);
    // A document takes at least two bytes.
    if rows.saturating_mul(2) > (block.len() - r.at) as u64 {
        return Err(ShardError::TooLarge { at });
    }
    let documents_listed = rows as usize;
    let mut postings = Vec::with_capacity(documents_listed);
    let mut doc = 0u64;
    for _ in 0..documents_listed {
        let at = r.at;
        doc = doc
            .checked_add(r.varint()?)
            .ok_or(ShardError::TooLarge { at })?;
        let mask = r.byte()?;
        let mut fields = Vec::new();
        for field in 0..8u8 {
            if mask & (1 << field) != 0 {
                fields.push((field, r.varint()?, r.byte()?));
            }
        }
        postings.push(Posting { doc, fields });
    }
    if r.at == block.len() {
        Ok(Head {
            facet_counts,
            documents,
            postings,
            field_documents,
        })
    } else {
        Err(ShardError::TooLarge { at: r.at })
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn byte(&mut self) -> Result<u8, ShardError> {
        let b = *self
            .bytes
            .get(self.at)
            .ok_or(ShardError::Truncated { at: self.at })?;
        self.at += 1;
        Ok(b)
    }

    /// A LEB128 number, as `put_varint` writes it.
    fn varint(&mut self) -> Result<u64, ShardError> {
        let start = self.at;
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            let part = u64::from(b & 0x7f);
            if shift == 63 && part > 1 {
                return Err(ShardError::Overlong { at: start });
            }
            value |= part << shift;
            if b & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(ShardError::Overlong { at: start })
    }

    /// A count of items of at least `each` bytes (a length when `each` is
    /// 1), no more than the bytes left can hold.
    fn count(&mut self, each: usize) -> Result<usize, ShardError> {
        let at = self.at;
        let n = self.varint()?;
        let left = (self.bytes.len() - self.at) as u64;
        if each > 0 && n.saturating_mul(each as u64) > left {
            return Err(ShardError::TooLarge { at });
        }
        usize::try_from(n).map_err(|_| ShardError::TooLarge { at })
    }

    fn take(&mut self, n: usize) -> Result<&[u8], ShardError> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&end| end <= self.bytes.len())
            .ok_or(ShardError::Truncated { at: self.at })?;
        let out = &self.bytes[self.at..end];
        self.at = end;
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::export::put_varint;

    fn shard(terms: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = b"CST3".to_vec();
        put_varint(&mut out, 10);
        put_varint(&mut out, 6);
        put_varint(&mut out, terms.len() as u64);
        let mut previous = "";
        for (term, postings) in terms {
            let shared = previous
                .bytes()
                .zip(term.bytes())
                .take_while(|(a, b)| a == b)
                .count();
            put_varint(&mut out, shared as u64);
            put_varint(&mut out, (term.len() - shared) as u64);
            out.extend_from_slice(&term.as_bytes()[shared..]);
            put_varint(&mut out, 1);
            put_varint(&mut out, postings.len() as u64);
            previous = term;
        }
        for (_, postings) in terms {
            out.extend_from_slice(postings);
        }
        out.extend_from_slice(b"{}");
        out
    }

    #[test]
    fn reads_front_coded_terms_and_their_postings() {
        // One document (id 5) in fields 0 and 2; one facet count.
        let postings = [1, 1, 3, 2, 5, 0b101, 1, 9, 4, 7];
        let bytes = shard(&[("recycle", &postings), ("recycling", &postings)]);
        let s = decode(&bytes).expect("a shard");
        assert_eq!(s.terms[1].term, "recycling");
        assert_eq!(s.terms[0].facet_counts, vec![(3, 2)]);
        assert_eq!(
            s.terms[0].postings,
            vec![Posting {
                doc: 5,
                fields: vec![(0, 1, 9), (2, 4, 7)]
            }]
        );
    }

    #[test]
    fn every_cut_and_every_flipped_byte_is_an_error_or_a_shard() {
        let postings = [1, 0, 5, 0b1, 1, 9];
        let bytes = shard(&[("a", &postings), ("b", &postings)]);
        for cut in 0..bytes.len() {
            let _ = decode(&bytes[..cut]);
        }
        for i in 0..bytes.len() {
            for flip in [0x01, 0x80, 0xff] {
                let mut b = bytes.clone();
                b[i] ^= flip;
                let _ = decode(&b);
            }
        }
        assert!(matches!(
            decode(b"CST3\x0a\x06\x05"),
            Err(ShardError::TooLarge { .. })
        ));
        let huge = [
            b'C', b'S', b'T', b'3', 0x0a, 0x06, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
            0xff, 0x7f,
        ];
        assert!(matches!(decode(&huge), Err(ShardError::Overlong { .. })));
    }

    #[test]
    fn out_of_order_terms_are_refused() {
        let postings = [1, 0, 5, 0b1, 1, 9];
        let bytes = shard(&[("b", &postings), ("a", &postings)]);
        assert!(matches!(decode(&bytes), Err(ShardError::Unsorted { .. })));
    }
}
