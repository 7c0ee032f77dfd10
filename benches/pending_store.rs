//! The pending-payments store at an installer's scale (issue 22): 100,000 historical test
//! payments (three lines each: pending, committed, reversed) and a few open ones. Reading the
//! store after compaction must take ≤ 100 ms; reading the same history uncompacted (one pass)
//! and the one-time compaction are measured for the record. Run:
//! `cargo bench --bench pending_store`.

use std::hint::black_box;
use std::io::Write;

use chrono::Utc;
use criterion::{criterion_group, criterion_main, Criterion};

use posbind::store::pending::PendingStore;
use posbind::testloop::pending::{Commit, PendingEvent, PendingRecord, TerminalId};

const HISTORY: usize = 100_000;
const OPEN: usize = 5;

/// Writes `HISTORY` closed payments and `OPEN` open ones into `dir`'s store, as lines.
fn write_store(dir: &std::path::Path) -> PendingStore {
    let store = PendingStore::new(dir);
    let terminal = TerminalId::new(Some("0012AB34"), Some("12345678"));
    let mut out = std::io::BufWriter::new(std::fs::File::create(store.path()).unwrap());
    let mut line = |r: PendingRecord| {
        serde_json::to_writer(&mut out, &r).unwrap();
        out.write_all(b"\n").unwrap();
    };
    for n in 0..HISTORY + OPEN {
        let id = format!("20261207-000000{n:06}-0001");
        let at = Utc::now();
        line(PendingRecord {
            id: id.clone(),
            at,
            event: PendingEvent::Pending {
                terminal: terminal.label(),
                identity: Some(terminal.clone()),
                amount_minor: 1,
                currency: 156,
                before: None,
            },
        });
        line(PendingRecord {
            id: id.clone(),
            at,
            event: PendingEvent::Committed(Commit {
                receipt: Some((n % 9999 + 1) as u16),
                trace: Some(n as u32),
                tid: None,
            }),
        });
        if n < HISTORY {
            line(PendingRecord {
                id,
                at,
                event: PendingEvent::Reversed,
            });
        }
    }
    store
}

fn pending_store(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let store = write_store(dir.path());
    let terminal = TerminalId::new(Some("0012AB34"), None);
    let mut g = c.benchmark_group("pending_100k");
    g.sample_size(10);
    g.bench_function("read_uncompacted", |b| {
        b.iter(|| black_box(store.blocking(&terminal).unwrap().len()))
    });
    g.bench_function("compact_once", |b| {
        b.iter_batched(
            || {
                let d = tempfile::tempdir().unwrap();
                std::fs::copy(store.path(), d.path().join("pending.jsonl")).unwrap();
                d
            },
            |d| PendingStore::new(d.path()).compact().unwrap(),
            criterion::BatchSize::PerIteration,
        )
    });
    store.compact().unwrap();
    assert_eq!(store.blocking(&terminal).unwrap().len(), OPEN);
    g.bench_function("read_compacted", |b| {
        b.iter(|| black_box(store.blocking(&terminal).unwrap().len()))
    });
    g.finish();
}

criterion_group!(benches, pending_store);
criterion_main!(benches);
