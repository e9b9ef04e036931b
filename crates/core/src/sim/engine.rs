//! The simulation's clock, its queue of timed events and its seeded random streams:
//! no knowledge of the cloud here, so the mechanisms can be read (and tested) apart.
//!
//! Hand-written rather than taken from a crate: the per-request engine must run
//! tens of millions of events a second in wasm, and a binary heap of plain values
//! with a sequence number (so that events at the same instant run in the order they
//! were scheduled, which makes runs deterministic) is all it needs.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

/// Simulated time in seconds since the start of the run.
pub type Time = f64;

/// One scheduled event.
struct Entry<E> {
    at: Time,
    seq: u64,
    event: E,
}

impl<E> PartialEq for Entry<E> {
    fn eq(&self, other: &Self) -> bool {
        self.seq == other.seq
    }
}
impl<E> Eq for Entry<E> {}
impl<E> PartialOrd for Entry<E> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl<E> Ord for Entry<E> {
    /// Reversed, so the heap's top is the earliest event, then the first scheduled.
    fn cmp(&self, other: &Self) -> Ordering {
        other
            .at
            .total_cmp(&self.at)
            .then_with(|| other.seq.cmp(&self.seq))
    }
}

/// Events in time order; among events at the same time, in the order scheduled.
pub struct Agenda<E> {
    heap: BinaryHeap<Entry<E>>,
    seq: u64,
}

impl<E> Default for Agenda<E> {
    fn default() -> Self {
        Agenda {
            heap: BinaryHeap::new(),
            seq: 0,
        }
    }
}

impl<E> Agenda<E> {
    pub fn schedule(&mut self, at: Time, event: E) {
        self.seq += 1;
        self.heap.push(Entry {
            at,
            seq: self.seq,
            event,
        });
    }

    /// When the next event is due.
    pub fn next_time(&self) -> Option<Time> {
        self.heap.peek().map(|e| e.at)
    }

    pub fn pop(&mut self) -> Option<(Time, E)> {
        self.heap.pop().map(|e| (e.at, e.event))
    }

    pub fn len(&self) -> usize {
        self.heap.len()
    }

    pub fn is_empty(&self) -> bool {
        self.heap.is_empty()
    }
}

/// The independent random streams of a run. Each concern draws from its own stream,
/// so that adding, say, a health check does not shift the arrival times: two runs that
/// differ in one mechanism stay comparable request by request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stream {
    Arrivals = 1,
    Classes = 2,
    Service = 3,
    Routing = 4,
    HealthChecks = 5,
    Placement = 6,
    Faults = 7,
    Databases = 8,
    Sessions = 9,
}

/// ChaCha8 seeded from the run's seed, one stream per concern: the same numbers
/// natively and in wasm (ChaCha is defined on bytes, not on the platform).
pub fn stream(seed: u64, which: Stream) -> ChaCha8Rng {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(which as u64);
    rng
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::RngExt;

    #[test]
    fn events_come_in_time_order_then_in_the_order_scheduled() {
        let mut a = Agenda::default();
        a.schedule(2.0, "late");
        a.schedule(1.0, "first at one");
        a.schedule(1.0, "second at one");
        a.schedule(0.5, "early");
        let order: Vec<&str> = std::iter::from_fn(|| a.pop().map(|(_, e)| e)).collect();
        assert_eq!(order, ["early", "first at one", "second at one", "late"]);
    }

    #[test]
    fn streams_are_reproducible_and_independent() {
        let draw = |s| -> Vec<u64> {
            let mut r = stream(7, s);
            (0..4).map(|_| r.random::<u64>()).collect()
        };
        assert_eq!(draw(Stream::Arrivals), draw(Stream::Arrivals));
        assert_ne!(draw(Stream::Arrivals), draw(Stream::Service));
        // A known value, so a change of generator or seeding shows up here (and the
        // same test in wasm proves the two platforms agree).
        assert_eq!(stream(7, Stream::Arrivals).random::<u64>(), KNOWN_FIRST);
    }

    const KNOWN_FIRST: u64 = 18_301_176_669_829_311_175;
}
