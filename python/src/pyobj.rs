//! Records straight into Python objects: a serde serializer that builds the dicts, lists,
//! strings and numbers `json.loads` would make of the record's JSON, without the JSON.
//!
//! The record writer renders what many claims share (the document, the sentence, the source)
//! once per document as raw JSON ([`serde_json::value::RawValue`]). Such a value is parsed into
//! Python objects once per document ([`Cache::raw`]) and each record gets its own copy of the
//! containers (dicts and lists are mutable; strings and numbers are shared), so every record
//! still owns its dicts as after `json.loads`. Field names are Python strings made once per
//! process and shared.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyList, PyString};
use pyo3::BoundObject;
use rustc_hash::FxHashMap;
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::ser::{self, Serialize};
use std::fmt;

/// serde_json's name for a raw JSON value (`RawValue` serialises as a struct of this name
/// with one field of this name holding the JSON text).
const RAW_VALUE_TOKEN: &str = "$serde_json::private::RawValue";

/// What serialisation can fail with: a Python error (out of memory...) or a value JSON could
/// not hold either.
#[derive(Debug)]
pub struct Error(PyErr);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(PyValueError::new_err(msg.to_string()))
    }
}

impl From<PyErr> for Error {
    fn from(e: PyErr) -> Self {
        Error(e)
    }
}

impl From<Error> for PyErr {
    fn from(e: Error) -> Self {
        e.0
    }
}

/// Field names as Python strings (by the address of the `&'static str`, which serde's derived
/// code always passes), and this document's raw values already parsed.
pub struct Cache<'py> {
    keys: FxHashMap<(usize, usize), Bound<'py, PyString>>,
    raw: FxHashMap<Box<str>, Bound<'py, PyAny>>,
}

impl<'py> Cache<'py> {
    pub fn new() -> Self {
        Cache { keys: FxHashMap::default(), raw: FxHashMap::default() }
    }

    /// Forget the raw values of the last document (they are keyed by content, so this only
    /// bounds memory).
    pub fn next_document(&mut self) {
        self.raw.clear();
    }

    fn key(&mut self, py: Python<'py>, key: &'static str) -> Bound<'py, PyString> {
        self.keys.entry((key.as_ptr() as usize, key.len())).or_insert_with(|| PyString::intern(py, key)).clone()
    }

    /// A fresh copy of the objects of a raw JSON value, parsed on first sight.
    fn raw(&mut self, py: Python<'py>, json: &str) -> Result<Bound<'py, PyAny>, Error> {
        let template = match self.raw.get(json) {
            Some(t) => t,
            None => {
                let mut de = serde_json::Deserializer::from_str(json);
                let value = Seed(py).deserialize(&mut de).map_err(|e| Error(PyValueError::new_err(e.to_string())))?;
                self.raw.entry(json.into()).or_insert(value)
            }
        };
        Ok(fresh(template)?)
    }
}

/// A copy of dicts and lists (recursively); other objects (immutable here) are shared.
fn fresh<'py>(value: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let py = value.py();
    if let Ok(d) = value.cast::<PyDict>() {
        let out = PyDict::new(py);
        for (k, v) in d.iter() {
            out.set_item(k, fresh(&v)?)?;
        }
        return Ok(out.into_any());
    }
    if let Ok(l) = value.cast::<PyList>() {
        let out = PyList::empty(py);
        for v in l.iter() {
            out.append(fresh(&v)?)?;
        }
        return Ok(out.into_any());
    }
    Ok(value.clone())
}

/// Parses JSON into the Python objects `json.loads` makes (ints stay ints, floats floats).
struct Seed<'py>(Python<'py>);

impl<'de, 'py> DeserializeSeed<'de> for Seed<'py> {
    type Value = Bound<'py, PyAny>;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de, 'py> Visitor<'de> for Seed<'py> {
    type Value = Bound<'py, PyAny>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(PyBool::new(self.0, v).to_owned().into_any())
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        v.into_pyobject(self.0).map(Bound::into_any).map_err(E::custom)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        v.into_pyobject(self.0).map(Bound::into_any).map_err(E::custom)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(PyFloat::new(self.0, v).into_any())
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(PyString::new(self.0, v).into_any())
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(self.0.None().into_bound(self.0))
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        self.visit_unit()
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let list = PyList::empty(self.0);
        while let Some(v) = seq.next_element_seed(Seed(self.0))? {
            list.append(v).map_err(de::Error::custom)?;
        }
        Ok(list.into_any())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let dict = PyDict::new(self.0);
        while let Some(k) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            let v = map.next_value_seed(Seed(self.0))?;
            dict.set_item(PyString::intern(self.0, &k), v).map_err(de::Error::custom)?;
        }
        Ok(dict.into_any())
    }
}

/// One record (any `Serialize` value) as Python objects.
pub fn to_python<'py, T: Serialize + ?Sized>(
    py: Python<'py>,
    cache: &mut Cache<'py>,
    value: &T,
) -> PyResult<Bound<'py, PyAny>> {
    Ok(value.serialize(Ser { py, cache })?)
}

struct Ser<'a, 'py> {
    py: Python<'py>,
    cache: &'a mut Cache<'py>,
}

impl<'a, 'py> Ser<'a, 'py> {
    fn int(self, v: impl IntoPyObject<'py, Error = std::convert::Infallible>) -> Result<Bound<'py, PyAny>, Error> {
        let Ok(o) = v.into_pyobject(self.py).map(|o| o.into_any().into_bound());
        Ok(o)
    }
}

impl<'a, 'py> ser::Serializer for Ser<'a, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    type SerializeSeq = List<'a, 'py>;
    type SerializeTuple = List<'a, 'py>;
    type SerializeTupleStruct = List<'a, 'py>;
    type SerializeTupleVariant = Variant<'py, List<'a, 'py>>;
    type SerializeMap = Map<'a, 'py>;
    type SerializeStruct = Struct<'a, 'py>;
    type SerializeStructVariant = Variant<'py, Struct<'a, 'py>>;

    fn serialize_bool(self, v: bool) -> Result<Self::Ok, Error> {
        Ok(PyBool::new(self.py, v).to_owned().into_any())
    }
    fn serialize_i8(self, v: i8) -> Result<Self::Ok, Error> {
        self.int(v)
    }
    fn serialize_i16(self, v: i16) -> Result<Self::Ok, Error> {
        self.int(v)
    }
    fn serialize_i32(self, v: i32) -> Result<Self::Ok, Error> {
        self.int(v)
    }
    fn serialize_i64(self, v: i64) -> Result<Self::Ok, Error> {
        self.int(v)
    }
    fn serialize_u8(self, v: u8) -> Result<Self::Ok, Error> {
        self.int(v)
    }
    fn serialize_u16(self, v: u16) -> Result<Self::Ok, Error> {
        self.int(v)
    }
    fn serialize_u32(self, v: u32) -> Result<Self::Ok, Error> {
        self.int(v)
    }
    fn serialize_u64(self, v: u64) -> Result<Self::Ok, Error> {
        self.int(v)
    }
    fn serialize_f32(self, v: f32) -> Result<Self::Ok, Error> {
        // JSON writes an f32 in its shortest form ("0.9"), which reads back as that decimal's
        // f64, not as the f32's exact binary value widened.
        match v.to_string().parse::<f64>() {
            Ok(x) if v.is_finite() => self.serialize_f64(x),
            _ => self.serialize_unit(),
        }
    }
    fn serialize_f64(self, v: f64) -> Result<Self::Ok, Error> {
        // serde_json writes a non-finite number as null.
        if v.is_finite() {
            Ok(PyFloat::new(self.py, v).into_any())
        } else {
            self.serialize_unit()
        }
    }
    fn serialize_char(self, v: char) -> Result<Self::Ok, Error> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<Self::Ok, Error> {
        Ok(PyString::new(self.py, v).into_any())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<Self::Ok, Error> {
        // As serde_json: a list of numbers.
        let list = PyList::empty(self.py);
        for b in v {
            list.append(*b)?;
        }
        Ok(list.into_any())
    }
    fn serialize_none(self) -> Result<Self::Ok, Error> {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Self::Ok, Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<Self::Ok, Error> {
        Ok(self.py.None().into_bound(self.py))
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<Self::Ok, Error> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _name: &'static str, _i: u32, variant: &'static str) -> Result<Self::Ok, Error> {
        Ok(self.cache.key(self.py, variant).into_any())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<Self::Ok, Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _i: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<Self::Ok, Error> {
        let dict = PyDict::new(self.py);
        let key = self.cache.key(self.py, variant);
        dict.set_item(key, value.serialize(Ser { py: self.py, cache: &mut *self.cache })?)?;
        Ok(dict.into_any())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<List<'a, 'py>, Error> {
        Ok(List { list: PyList::empty(self.py), py: self.py, cache: self.cache })
    }
    fn serialize_tuple(self, len: usize) -> Result<List<'a, 'py>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<List<'a, 'py>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _i: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        let key = self.cache.key(self.py, variant);
        let py = self.py;
        Ok(Variant { key, inner: List { list: PyList::empty(py), py, cache: self.cache } })
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Map<'a, 'py>, Error> {
        Ok(Map { dict: PyDict::new(self.py), key: None, py: self.py, cache: self.cache })
    }
    fn serialize_struct(self, name: &'static str, _len: usize) -> Result<Struct<'a, 'py>, Error> {
        let raw = name == RAW_VALUE_TOKEN;
        Ok(Struct { dict: PyDict::new(self.py), raw: None, is_raw: raw, py: self.py, cache: self.cache })
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _i: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        let key = self.cache.key(self.py, variant);
        let py = self.py;
        Ok(Variant { key, inner: Struct { dict: PyDict::new(py), raw: None, is_raw: false, py, cache: self.cache } })
    }
}

pub struct List<'a, 'py> {
    list: Bound<'py, PyList>,
    py: Python<'py>,
    cache: &'a mut Cache<'py>,
}

impl<'a, 'py> List<'a, 'py> {
    fn push<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        let v = value.serialize(Ser { py: self.py, cache: &mut *self.cache })?;
        Ok(self.list.append(v)?)
    }
}

impl<'py> ser::SerializeSeq for List<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.push(value)
    }
    fn end(self) -> Result<Self::Ok, Error> {
        Ok(self.list.into_any())
    }
}

impl<'py> ser::SerializeTuple for List<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.push(value)
    }
    fn end(self) -> Result<Self::Ok, Error> {
        Ok(self.list.into_any())
    }
}

impl<'py> ser::SerializeTupleStruct for List<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.push(value)
    }
    fn end(self) -> Result<Self::Ok, Error> {
        Ok(self.list.into_any())
    }
}

pub struct Map<'a, 'py> {
    dict: Bound<'py, PyDict>,
    key: Option<Bound<'py, PyAny>>,
    py: Python<'py>,
    cache: &'a mut Cache<'py>,
}

impl<'py> ser::SerializeMap for Map<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.key = Some(key.serialize(Ser { py: self.py, cache: &mut *self.cache })?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        let key = self.key.take().ok_or_else(|| <Error as ser::Error>::custom("map value without a key"))?;
        let v = value.serialize(Ser { py: self.py, cache: &mut *self.cache })?;
        Ok(self.dict.set_item(key, v)?)
    }
    fn end(self) -> Result<Self::Ok, Error> {
        Ok(self.dict.into_any())
    }
}

pub struct Struct<'a, 'py> {
    dict: Bound<'py, PyDict>,
    /// serde_json's `RawValue`: its parsed JSON, which stands for the whole struct.
    raw: Option<Bound<'py, PyAny>>,
    is_raw: bool,
    py: Python<'py>,
    cache: &'a mut Cache<'py>,
}

impl<'py> ser::SerializeStruct for Struct<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
        if self.is_raw {
            // The field is the JSON text (a str); the Python string made of it is only a key.
            let text = value.serialize(Ser { py: self.py, cache: &mut *self.cache })?;
            let text = text.cast::<PyString>().map_err(PyErr::from)?;
            self.raw = Some(self.cache.raw(self.py, text.to_str()?)?);
            return Ok(());
        }
        let v = value.serialize(Ser { py: self.py, cache: &mut *self.cache })?;
        let k = self.cache.key(self.py, key);
        Ok(self.dict.set_item(k, v)?)
    }
    fn end(self) -> Result<Self::Ok, Error> {
        match self.raw {
            Some(raw) => Ok(raw),
            None if self.is_raw => Err(<Error as ser::Error>::custom("raw JSON value without its text")),
            None => Ok(self.dict.into_any()),
        }
    }
}

/// An enum variant with data: `{"Variant": data}`, as serde_json writes it.
pub struct Variant<'py, I> {
    key: Bound<'py, PyString>,
    inner: I,
}

impl<'py> ser::SerializeTupleVariant for Variant<'py, List<'_, 'py>> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.inner.push(value)
    }
    fn end(self) -> Result<Self::Ok, Error> {
        let dict = PyDict::new(self.inner.py);
        dict.set_item(self.key, self.inner.list)?;
        Ok(dict.into_any())
    }
}

impl<'py> ser::SerializeStructVariant for Variant<'py, Struct<'_, 'py>> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
        ser::SerializeStruct::serialize_field(&mut self.inner, key, value)
    }
    fn end(self) -> Result<Self::Ok, Error> {
        let dict = PyDict::new(self.inner.py);
        dict.set_item(self.key, self.inner.dict)?;
        Ok(dict.into_any())
    }
}
