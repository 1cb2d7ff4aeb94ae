//! Records straight into Arrow columns: a serde serializer that appends each record to builders
//! laid out by the schema (`claimex.arrow.SCHEMA`), without rendering the record as JSON and
//! reading the JSON back (arrow-json), which cost more than the extraction itself.
//!
//! The values shared by claims (document, sentence, source) come as raw JSON
//! ([`serde_json::value::RawValue`]); they are read into the same builders by a serde
//! deserializer. As the JSON reader in strict mode, a field the schema does not name is an
//! error, a field the record leaves out is null.

use arrow_array::builder::{ArrayBuilder, BooleanBuilder, Float64Builder, Int64Builder, StringBuilder};
use arrow_array::{ArrayRef, ListArray, RecordBatch, StructArray};
use arrow_buffer::{NullBufferBuilder, OffsetBuffer, ScalarBuffer};
use arrow_schema::{DataType, FieldRef, Fields, SchemaRef};
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::ser::{self, Serialize};
use std::fmt;
use std::sync::Arc;

/// serde_json's name for a raw JSON value (a struct of this name with one string field).
const RAW_VALUE_TOKEN: &str = "$serde_json::private::RawValue";

/// Why a record does not fit the schema.
#[derive(Debug)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

fn mismatch(what: &str, col: &Col) -> Error {
    Error(format!("a {what} where the schema has {}", col.kind()))
}

/// The builder of one column.
enum Col {
    Str(StringBuilder),
    I64(Int64Builder),
    F64(Float64Builder),
    Bool(BooleanBuilder),
    Struct(StructCol),
    List(Box<ListCol>),
    /// Not a column: where the text of a raw JSON value is caught.
    Capture(Option<String>),
}

struct StructCol {
    fields: Fields,
    cols: Vec<Col>,
    nulls: NullBufferBuilder,
}

struct ListCol {
    field: FieldRef,
    offsets: Vec<i32>,
    nulls: NullBufferBuilder,
    child: Col,
}

impl Col {
    fn new(data_type: &DataType) -> Result<Col, Error> {
        Ok(match data_type {
            DataType::Utf8 => Col::Str(StringBuilder::new()),
            DataType::Int64 => Col::I64(Int64Builder::new()),
            DataType::Float64 => Col::F64(Float64Builder::new()),
            DataType::Boolean => Col::Bool(BooleanBuilder::new()),
            DataType::Struct(fields) => Col::Struct(StructCol::new(fields)?),
            DataType::List(field) => Col::List(Box::new(ListCol {
                field: Arc::clone(field),
                offsets: vec![0],
                nulls: NullBufferBuilder::new(0),
                child: Col::new(field.data_type())?,
            })),
            other => return Err(Error(format!("claims as Arrow: unsupported column type {other}"))),
        })
    }

    fn kind(&self) -> &'static str {
        match self {
            Col::Str(_) => "string",
            Col::I64(_) => "int64",
            Col::F64(_) => "float64",
            Col::Bool(_) => "bool",
            Col::Struct(_) => "struct",
            Col::List(_) => "list",
            Col::Capture(_) => "raw JSON",
        }
    }

    fn append_null(&mut self) {
        match self {
            Col::Str(b) => b.append_null(),
            Col::I64(b) => b.append_null(),
            Col::F64(b) => b.append_null(),
            Col::Bool(b) => b.append_null(),
            Col::Struct(s) => s.append_null(),
            Col::List(l) => {
                let last = l.offsets.last().copied().unwrap_or(0);
                l.offsets.push(last);
                l.nulls.append_null();
            }
            Col::Capture(_) => {}
        }
    }

    fn str(&mut self, v: &str) -> Result<(), Error> {
        match self {
            Col::Str(b) => b.append_value(v),
            Col::Capture(c) => *c = Some(v.to_owned()),
            other => return Err(mismatch("string", other)),
        }
        Ok(())
    }

    fn i64(&mut self, v: i64) -> Result<(), Error> {
        match self {
            Col::I64(b) => b.append_value(v),
            Col::F64(b) => b.append_value(v as f64),
            other => return Err(mismatch("integer", other)),
        }
        Ok(())
    }

    fn u64(&mut self, v: u64) -> Result<(), Error> {
        match i64::try_from(v) {
            Ok(v) => self.i64(v),
            Err(_) => match self {
                Col::F64(b) => {
                    b.append_value(v as f64);
                    Ok(())
                }
                _ => Err(Error(format!("{v} does not fit an int64 column"))),
            },
        }
    }

    fn f64(&mut self, v: f64) -> Result<(), Error> {
        match self {
            // JSON writes a non-finite number as null.
            Col::F64(b) if !v.is_finite() => b.append_null(),
            Col::F64(b) => b.append_value(v),
            other => return Err(mismatch("float", other)),
        }
        Ok(())
    }

    fn bool(&mut self, v: bool) -> Result<(), Error> {
        match self {
            Col::Bool(b) => b.append_value(v),
            other => return Err(mismatch("bool", other)),
        }
        Ok(())
    }

    fn finish(self) -> ArrayRef {
        match self {
            Col::Str(mut b) => Arc::new(b.finish()),
            Col::I64(mut b) => Arc::new(b.finish()),
            Col::F64(mut b) => Arc::new(b.finish()),
            Col::Bool(mut b) => Arc::new(b.finish()),
            Col::Struct(s) => Arc::new(s.finish()),
            Col::List(l) => {
                let ListCol { field, offsets, mut nulls, child } = *l;
                // Offsets only grow (each is the child's length after a list).
                let offsets = OffsetBuffer::new(ScalarBuffer::from(offsets));
                Arc::new(ListArray::new(field, offsets, child.finish(), nulls.finish()))
            }
            Col::Capture(_) => Arc::new(StringBuilder::new().finish()),
        }
    }
}

impl StructCol {
    fn new(fields: &Fields) -> Result<StructCol, Error> {
        if fields.len() > 64 {
            return Err(Error("claims as Arrow: a struct of more than 64 fields".into()));
        }
        let cols = fields.iter().map(|f| Col::new(f.data_type())).collect::<Result<_, _>>()?;
        Ok(StructCol { fields: fields.clone(), cols, nulls: NullBufferBuilder::new(0) })
    }

    fn append_null(&mut self) {
        self.nulls.append_null();
        self.cols.iter_mut().for_each(Col::append_null);
    }

    /// The index of a field by name, looked for from `hint` on (fields mostly come in order).
    fn index(&self, name: &str, hint: usize) -> Result<usize, Error> {
        let n = self.fields.len();
        (0..n)
            .map(|k| (hint + k) % n)
            .find(|&i| self.fields[i].name() == name)
            .ok_or_else(|| Error(format!("field {name:?} is not in the Arrow schema")))
    }

    /// A row ends: the fields it did not set are null.
    fn end_row(&mut self, set: u64) {
        for (i, col) in self.cols.iter_mut().enumerate() {
            if set & (1 << i) == 0 {
                col.append_null();
            }
        }
        self.nulls.append_non_null();
    }

    fn finish(self) -> StructArray {
        let StructCol { fields, cols, mut nulls } = self;
        let arrays = cols.into_iter().map(Col::finish).collect();
        StructArray::new(fields, arrays, nulls.finish())
    }
}

/// Appends records (rows of the schema's top struct) and makes the batch of them.
pub struct Builder {
    schema: SchemaRef,
    rows: Col,
}

impl Builder {
    pub fn new(schema: SchemaRef) -> Result<Builder, Error> {
        let rows = Col::Struct(StructCol::new(schema.fields())?);
        Ok(Builder { schema, rows })
    }

    /// One record, a struct of the schema's fields.
    pub fn append<T: Serialize + ?Sized>(&mut self, record: &T) -> Result<(), Error> {
        record.serialize(Ser(&mut self.rows))
    }

    pub fn finish(self) -> Result<RecordBatch, Error> {
        let Col::Struct(rows) = self.rows else { return Err(Error("claims as Arrow: no rows".into())) };
        let arrays: Vec<ArrayRef> = rows.cols.into_iter().map(Col::finish).collect();
        RecordBatch::try_new(self.schema, arrays).map_err(|e| Error(e.to_string()))
    }
}

/// Serialises one value into a column.
struct Ser<'a>(&'a mut Col);

/// A struct (or a raw JSON value) being serialised into a struct column.
struct StructSer<'a> {
    col: &'a mut Col,
    set: u64,
    next: usize,
    raw: bool,
}

/// A sequence being serialised into a list column.
struct SeqSer<'a>(&'a mut ListCol);

impl<'a> ser::Serializer for Ser<'a> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = SeqSer<'a>;
    type SerializeTuple = SeqSer<'a>;
    type SerializeTupleStruct = SeqSer<'a>;
    type SerializeTupleVariant = ser::Impossible<(), Error>;
    type SerializeMap = ser::Impossible<(), Error>;
    type SerializeStruct = StructSer<'a>;
    type SerializeStructVariant = ser::Impossible<(), Error>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.0.bool(v)
    }
    fn serialize_i8(self, v: i8) -> Result<(), Error> {
        self.0.i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result<(), Error> {
        self.0.i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result<(), Error> {
        self.0.i64(v.into())
    }
    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        self.0.i64(v)
    }
    fn serialize_u8(self, v: u8) -> Result<(), Error> {
        self.0.i64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result<(), Error> {
        self.0.i64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result<(), Error> {
        self.0.i64(v.into())
    }
    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        self.0.u64(v)
    }
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        // JSON writes an f32 in its shortest form ("0.9"), read back as that decimal's f64.
        match v.to_string().parse::<f64>() {
            Ok(x) if v.is_finite() => self.0.f64(x),
            _ => self.serialize_unit(),
        }
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        self.0.f64(v)
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.0.str(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.0.str(v)
    }
    fn serialize_bytes(self, _v: &[u8]) -> Result<(), Error> {
        Err(Error("claims as Arrow: bytes are not supported".into()))
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.0.append_null();
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _name: &'static str, _i: u32, variant: &'static str) -> Result<(), Error> {
        self.0.str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _name: &'static str, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _i: u32,
        variant: &'static str,
        _value: &T,
    ) -> Result<(), Error> {
        Err(Error(format!("claims as Arrow: enum variant {variant} with data is not supported")))
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<SeqSer<'a>, Error> {
        match self.0 {
            Col::List(l) => Ok(SeqSer(l)),
            other => Err(mismatch("list", other)),
        }
    }
    fn serialize_tuple(self, len: usize) -> Result<SeqSer<'a>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<SeqSer<'a>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _i: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(Error(format!("claims as Arrow: enum variant {variant} with data is not supported")))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Err(Error("claims as Arrow: maps are not supported".into()))
    }
    fn serialize_struct(self, name: &'static str, _len: usize) -> Result<StructSer<'a>, Error> {
        let raw = name == RAW_VALUE_TOKEN;
        if !raw && !matches!(self.0, Col::Struct(_)) {
            return Err(mismatch("struct", self.0));
        }
        Ok(StructSer { col: self.0, set: 0, next: 0, raw })
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _i: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(Error(format!("claims as Arrow: enum variant {variant} with data is not supported")))
    }
}

impl ser::SerializeStruct for StructSer<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
        if self.raw {
            // The field is the JSON text: caught, then read into the column.
            let mut capture = Col::Capture(None);
            value.serialize(Ser(&mut capture))?;
            let Col::Capture(Some(json)) = capture else {
                return Err(Error("raw JSON value without its text".into()));
            };
            let mut de = serde_json::Deserializer::from_str(&json);
            Fill(&mut *self.col).deserialize(&mut de).map_err(|e| Error(e.to_string()))?;
            return de.end().map_err(|e| Error(e.to_string()));
        }
        let Col::Struct(s) = &mut *self.col else { return Err(mismatch("struct", self.col)) };
        let i = s.index(key, self.next)?;
        if self.set & (1 << i) != 0 {
            return Err(Error(format!("field {key:?} given twice")));
        }
        value.serialize(Ser(&mut s.cols[i]))?;
        self.set |= 1 << i;
        self.next = i + 1;
        Ok(())
    }
    fn end(self) -> Result<(), Error> {
        if let (false, Col::Struct(s)) = (self.raw, self.col) {
            s.end_row(self.set);
        }
        Ok(())
    }
}

impl SeqSer<'_> {
    fn push<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(Ser(&mut self.0.child))
    }

    fn end_list(self) -> Result<(), Error> {
        let len = i32::try_from(self.0.child.len()).map_err(|_| Error("a list column over 2^31 values".into()))?;
        self.0.offsets.push(len);
        self.0.nulls.append_non_null();
        Ok(())
    }
}

impl ser::SerializeSeq for SeqSer<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.push(value)
    }
    fn end(self) -> Result<(), Error> {
        self.end_list()
    }
}

impl ser::SerializeTuple for SeqSer<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.push(value)
    }
    fn end(self) -> Result<(), Error> {
        self.end_list()
    }
}

impl ser::SerializeTupleStruct for SeqSer<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.push(value)
    }
    fn end(self) -> Result<(), Error> {
        self.end_list()
    }
}

impl Col {
    /// Values appended so far.
    fn len(&self) -> usize {
        match self {
            Col::Str(b) => b.len(),
            Col::I64(b) => b.len(),
            Col::F64(b) => b.len(),
            Col::Bool(b) => b.len(),
            Col::Struct(s) => s.nulls.len(),
            Col::List(l) => l.offsets.len() - 1,
            Col::Capture(_) => 0,
        }
    }
}

/// Reads one JSON value into a column.
struct Fill<'a>(&'a mut Col);

impl<'de> DeserializeSeed<'de> for Fill<'_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Fill<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a JSON value for a {} column", self.0.kind())
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<(), E> {
        self.0.bool(v).map_err(E::custom)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<(), E> {
        self.0.i64(v).map_err(E::custom)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<(), E> {
        self.0.u64(v).map_err(E::custom)
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<(), E> {
        self.0.f64(v).map_err(E::custom)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        self.0.str(v).map_err(E::custom)
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.0.append_null();
        Ok(())
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.visit_unit()
    }
    fn visit_some<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let Col::List(l) = self.0 else { return Err(de::Error::custom(mismatch("list", self.0))) };
        while seq.next_element_seed(Fill(&mut l.child))?.is_some() {}
        SeqSer(l).end_list().map_err(de::Error::custom)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let Col::Struct(s) = self.0 else { return Err(de::Error::custom(mismatch("struct", self.0))) };
        let (mut set, mut next) = (0u64, 0usize);
        while let Some(i) = map.next_key_seed(Key { s, hint: next })? {
            if set & (1 << i) != 0 {
                return Err(de::Error::custom("a field given twice"));
            }
            map.next_value_seed(Fill(&mut s.cols[i]))?;
            set |= 1 << i;
            next = i + 1;
        }
        s.end_row(set);
        Ok(())
    }
}

/// A JSON key as the index of its field.
struct Key<'a> {
    s: &'a StructCol,
    hint: usize,
}

impl<'de> DeserializeSeed<'de> for Key<'_> {
    type Value = usize;
    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<usize, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Key<'_> {
    type Value = usize;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<usize, E> {
        self.s.index(v, self.hint).map_err(E::custom)
    }
}
