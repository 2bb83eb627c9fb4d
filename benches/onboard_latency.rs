//! Placeholder: replaced by the onboarding latency benchmark.
fn main() {}
