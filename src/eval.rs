//! Scoring predicted claims against gold (placeholder until the eval module lands).
