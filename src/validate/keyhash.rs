//! The hash of the key sets the lint builds from a request's resource keys.
//!
//! Those keys come from whoever wrote the request, and a Node backend may validate requests
//! from anyone: with a fixed hash function, keys chosen to collide would make building the sets
//! quadratic (a 10 MB body would take minutes). So the hash is keyed by a per-process random
//! seed: each step multiplies the state, mixed with eight bytes of the key, and folds its high
//! half down, so which keys collide depends on the seed. It is faster on short keys than SipHash
//! or a byte-at-a-time FNV; a 64x64->128 folded multiply (foldhash's) is slower in Wasm, which
//! has no such instruction.

use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};

/// 0 until the first use seeds it.
static SEED: AtomicU64 = AtomicU64::new(0);

const MULTIPLIER: u64 = 0x9E37_79B9_7F4A_7C15;

fn current_seed() -> u64 {
    match SEED.load(Ordering::Relaxed) {
        0 => {
            // Another thread may have seeded it meanwhile: either value is as good.
            let _ = SEED.compare_exchange(0, random_seed() | 1, Ordering::Relaxed, Ordering::Relaxed);
            SEED.load(Ordering::Relaxed)
        }
        seed => seed,
    }
}

/// A fresh random seed: from the standard library's random state where it has one. Public
/// (hidden) for the boundary suite, which checks where Wasm builds draw theirs from.
#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
#[doc(hidden)]
pub fn random_seed() -> u64 {
    std::collections::hash_map::RandomState::new().hash_one(0x5EA4_u64)
}

/// On wasm32-unknown-unknown std has no randomness (its `RandomState` keys are constants): ask JS,
/// for the platform's cryptographic generator (`crypto.getRandomValues`, in browsers, workers
/// and Node 19+), else `Math.random` (Node 18), whose output an attacker could in principle
/// predict from other values it produced. Seeding at the first use rather than at
/// instantiation keeps it off the package's start-up.
#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
#[doc(hidden)]
pub fn random_seed() -> u64 {
    crypto_random().unwrap_or_else(|| {
        let bits = || (js_sys::Math::random() * 4_294_967_296.0) as u64;
        bits() << 32 | bits()
    })
}

/// 64 bits from `crypto.getRandomValues`, when the global `crypto` has it.
#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
fn crypto_random() -> Option<u64> {
    use js_sys::{Function, Reflect, Uint32Array};
    use wasm_bindgen::JsCast;
    let crypto = Reflect::get(&js_sys::global(), &"crypto".into()).ok().filter(|c| c.is_object())?;
    let get_random_values: Function = Reflect::get(&crypto, &"getRandomValues".into()).ok()?.dyn_into().ok()?;
    let words = Uint32Array::new_with_length(2);
    get_random_values.call1(&crypto, &words).ok()?;
    Some(u64::from(words.get_index(0)) << 32 | u64::from(words.get_index(1)))
}

/// One step: a bijection of `state ^ word`, so distinct words from one state never collide.
#[inline]
fn mix(state: u64, word: u64) -> u64 {
    let x = (state ^ word).wrapping_mul(MULTIPLIER);
    x ^ (x >> 32)
}

/// Builds [`KeyHasher`]s with the process's seed.
#[derive(Clone, Copy)]
pub struct KeyHash {
    seed: u64,
}

impl Default for KeyHash {
    fn default() -> Self {
        KeyHash { seed: current_seed() }
    }
}

impl BuildHasher for KeyHash {
    type Hasher = KeyHasher;
    fn build_hasher(&self) -> KeyHasher {
        KeyHasher { state: self.seed }
    }
}

/// A seeded hash of short strings.
pub struct KeyHasher {
    state: u64,
}

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        // MurmurHash3's finaliser: every bit of the state reaches the low bits buckets use.
        let mut h = self.state;
        h = (h ^ (h >> 33)).wrapping_mul(0xFF51_AFD7_ED55_8CCD);
        h = (h ^ (h >> 33)).wrapping_mul(0xC4CE_B9FE_1A85_EC53);
        h ^ (h >> 33)
    }
    fn write(&mut self, bytes: &[u8]) {
        // The length goes in first, so that zero padding cannot make two lengths collide.
        let mut state = self.state ^ bytes.len() as u64;
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let word = u64::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3], chunk[4], chunk[5], chunk[6], chunk[7]]);
            state = mix(state, word);
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            // Byte by byte: a copy into a padded buffer compiles to a memory.copy call, which in
            // Wasm cost 5% of validating (measured on the 100 KB body).
            let word = rest.iter().rev().fold(0u64, |word, &b| word << 8 | u64::from(b));
            state = mix(state, word);
        }
        self.state = state;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hash(build: KeyHash, s: &str) -> u64 {
        build.hash_one(s)
    }

    /// Fixed seeds, so that every run checks the same hashes (the process's own seed is random).
    const SEEDS: [u64; 3] = [1, 0x9E37_79B9_7F4A_7C15 | 1, 0xDEAD_BEEF_0BAD_F00D | 1];

    #[test]
    fn equal_strings_hash_equal_and_padding_does_not_collide() {
        for seed in SEEDS {
            let build = KeyHash { seed };
            assert_eq!(hash(build, "space_k000001"), hash(build, &String::from("space_k000001")));
            assert_ne!(hash(build, "ab"), hash(build, "ab\0"));
            assert_ne!(hash(build, ""), hash(build, "\0"));
            assert_ne!(hash(build, "space_k000001"), hash(build, "space_k000002"));
        }
    }

    #[test]
    fn the_process_seed_is_set_once_and_odd() {
        let (a, b) = (KeyHash::default(), KeyHash::default());
        assert_eq!(a.seed, b.seed);
        assert_eq!(a.seed & 1, 1);
    }

    #[test]
    fn the_seed_changes_every_hash() {
        let (a, b) = (KeyHash { seed: 1 }, KeyHash { seed: 3 });
        for s in ["", "a", "space_k000001", "a longer key, past sixteen bytes"] {
            assert_ne!(hash(a, s), hash(b, s), "{s:?}");
        }
    }

    #[test]
    fn distinct_keys_spread_over_the_buckets() {
        // 4 096 keys of the shape requests use, into 4 096 buckets: no bucket badly overfull.
        for seed in SEEDS {
            let build = KeyHash { seed };
            let mut buckets = vec![0u32; 4096];
            for i in 0..4096 {
                buckets[(hash(build, &format!("space_k{i:06}")) & 4095) as usize] += 1;
            }
            assert!(buckets.iter().all(|&n| n < 12), "seed {seed}: max {}", buckets.iter().max().unwrap());
        }
    }
}
