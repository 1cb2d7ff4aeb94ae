//! Claim records as an Arrow record batch built in Rust, handed to pyarrow (or polars, DuckDB...)
//! through the Arrow C data interface as PyCapsules (`__arrow_c_array__`).
//!
//! The schema is the Python package's `claimex.arrow.SCHEMA`, imported through the same
//! interface (`__arrow_c_schema__`), so it is declared once. Extracted records are appended to
//! the columns directly ([`crate::build`]); records given as JSON lines
//! (`claimex.arrow.table_from_jsonl`) are read by arrow-json. Both in strict mode: a field the
//! schema does not name is an error, so the record format and the schema cannot drift apart
//! silently.

use arrow_array::ffi::{to_ffi, FFI_ArrowArray};
use arrow_array::{Array, RecordBatch, StructArray};
use arrow_json::ReaderBuilder;
use arrow_schema::ffi::FFI_ArrowSchema;
use arrow_schema::{ArrowError, Schema, SchemaRef};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyCapsule;
use std::sync::Arc;

/// The schema of a Python object with `__arrow_c_schema__` (a `pyarrow.Schema`).
pub fn schema_of(obj: &Bound<'_, PyAny>) -> PyResult<SchemaRef> {
    let capsule = obj
        .call_method0("__arrow_c_schema__")
        .map_err(|_| PyTypeError::new_err("schema must be an Arrow schema (with __arrow_c_schema__)"))?;
    let capsule = capsule.cast::<PyCapsule>().map_err(PyErr::from)?;
    let pointer = capsule.pointer_checked(Some(c"arrow_schema"))?;
    // SAFETY: a capsule named "arrow_schema" holds an ArrowSchema (the PyCapsule protocol of
    // the Arrow C data interface), alive as long as the capsule, which outlives this borrow.
    let ffi = unsafe { &*(pointer.as_ptr() as *const FFI_ArrowSchema) };
    let schema =
        Schema::try_from(ffi).map_err(|e| PyValueError::new_err(format!("cannot read the Arrow schema: {e}")))?;
    Ok(Arc::new(schema))
}

/// JSON lines of records as one record batch of `schema` (no lines: an empty batch).
pub fn decode(schema: SchemaRef, jsonl: &[u8]) -> Result<RecordBatch, ArrowError> {
    // One batch for all lines: a raw newline never occurs inside a JSON value.
    let lines = jsonl.iter().filter(|&&b| b == b'\n').count() + 1;
    let mut decoder =
        ReaderBuilder::new(Arc::clone(&schema)).with_strict_mode(true).with_batch_size(lines).build_decoder()?;
    let mut rest = jsonl;
    while !rest.is_empty() {
        let read = decoder.decode(rest)?;
        if read == 0 {
            return Err(ArrowError::JsonError("the JSON decoder made no progress".into()));
        }
        rest = &rest[read..];
    }
    Ok(decoder.flush()?.unwrap_or_else(|| RecordBatch::new_empty(schema)))
}

/// The capsules own the exported structures until the consumer moves them out (it then sets
/// their release callback to null, and dropping them does nothing).
#[repr(transparent)]
struct Exported<T>(T);

// SAFETY: the exported array and schema own their buffers (reference-counted by arrow-rs,
// immutable); the C data interface lets the consumer release them from any thread.
unsafe impl<T> Send for Exported<T> {}

/// One record batch of claims, read by `pyarrow.record_batch(...)` (or any consumer of the
/// Arrow PyCapsule protocol) without a copy.
#[pyclass(frozen, module = "claimex._native")]
pub struct ArrowBatch {
    batch: RecordBatch,
}

impl ArrowBatch {
    pub fn new(batch: RecordBatch) -> Self {
        ArrowBatch { batch }
    }
}

#[pymethods]
impl ArrowBatch {
    /// Number of claims in the batch.
    #[getter]
    fn num_rows(&self) -> usize {
        self.batch.num_rows()
    }

    /// The batch as `(schema, array)` PyCapsules of the Arrow C data interface.
    #[pyo3(signature = (requested_schema=None))]
    fn __arrow_c_array__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyAny>>,
    ) -> PyResult<(Bound<'py, PyCapsule>, Bound<'py, PyCapsule>)> {
        // The protocol lets a consumer ask for another schema; the claims have only theirs,
        // which the consumer then casts or refuses.
        let _ = requested_schema;
        let array = StructArray::from(self.batch.clone());
        let (array, schema): (FFI_ArrowArray, FFI_ArrowSchema) =
            to_ffi(&array.to_data()).map_err(|e| PyValueError::new_err(format!("cannot export the claims: {e}")))?;
        let schema = PyCapsule::new_with_value(py, Exported(schema), c"arrow_schema")?;
        let array = PyCapsule::new_with_value(py, Exported(array), c"arrow_array")?;
        Ok((schema, array))
    }
}
