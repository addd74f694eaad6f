// Package jsonstrict reads JSON input files strictly, and says where a
// file is wrong.
//
// encoding/json forgives a lot: a misspelled key is dropped (unless the
// caller asks for DisallowUnknownFields, which a custom UnmarshalJSON
// method does not inherit), a key given twice keeps its last value, keys
// match fields whatever their case, extra array elements are dropped, and
// errors carry a byte offset, or nothing, instead of a line and a column.
// A model file with "weight" for "weight_uS" inside connections[] loads,
// with a weight of 0.
//
// [Decode] decodes a JSON document into a Go value in two passes. The
// first walks the document's tokens (encoding/json's Decoder.Token) along
// with the Go type it decodes into, and stops at the first of (a syntax
// error first):
//
//   - a syntax error, or data after the top-level value;
//   - a key given twice in one object;
//   - a key that names no field of the struct it decodes into: keys must
//     match the field's JSON name exactly, case included (a key that
//     matches in another case is reported with the right spelling);
//   - a value of the wrong kind for its field (a string for a number, a
//     number that does not fit an int, an array for an object, an array
//     of the wrong length for a Go array);
//   - an error of a custom UnmarshalJSON method, which the walk calls on
//     the value's own bytes, so that it is placed too.
//
// Every error is an [*Error] naming the line and column (1-based, columns
// in characters) and the JSON path of the offending key or value, e.g.
//
//	model.json:6:6: connections[0].weight: unknown key "weight" (did you mean "weight_uS"?)
//	line 75 column 16: connections[0].pre: key "pre" appears twice (first at line 75 column 4)
//	line 6 column 51: invalid character '}' looking for beginning of object key string (in connections[0])
//
// and wrapping one of [ErrSyntax], [ErrUnknownKey], [ErrDuplicateKey],
// [ErrType] or [ErrTooLarge] (for errors.Is) or the error a custom
// UnmarshalJSON returned. The second pass is encoding/json's own decoding
// with DisallowUnknownFields, which then fills the value. The few things
// only it checks (what a TextUnmarshaler refuses, ",string" fields, base64
// in a []byte) give errors without a position.
//
// # Types with a custom UnmarshalJSON
//
// The walk cannot see inside a type that decodes itself, except through
// one convention: if the type has a method
//
//	JSONFields() any
//
// (interface [Fields]) returning a value of the plain struct type its
// UnmarshalJSON decodes a JSON object into (the usual "type plain T"
// shadow that sets defaults first), then a JSON object for that type is
// checked against that struct's fields like any other struct (and its
// UnmarshalJSON is left to the second pass: it should check no more than
// the fields do). Values of other kinds (a bare number for a profile,
// say) and types without the method are checked by calling their
// UnmarshalJSON. A custom
// UnmarshalJSON should itself be strict, for callers that use
// json.Unmarshal: [Unmarshal] is json.Unmarshal with
// DisallowUnknownFields. An UnmarshalJSON that reads its input token by
// token may place its own errors with [At]: Decode then turns the offset
// into a line and column and prefixes the path.
//
// # Size
//
// [ReadFile] and [ReadAll] read at most [MaxSize] bytes (256 MiB unless
// changed) and fail with [ErrTooLarge], naming the file and the cap,
// beyond it, rather than read a file of any size into memory.
//
// # Users
//
// model (Parse, Read, ReadFile) and pointnet (Read, ReadFile) read their
// descriptions with Decode; batch reads grid files with it; format/hnnnet
// and format/hnnparams, which parse HNN-core's files themselves, use its
// errors, positions and size cap. The package sits under model, in the
// description tier, so that the description packages may import it; it
// imports the standard library only.
package jsonstrict
