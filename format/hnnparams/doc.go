// Package hnnparams reads HNN-core's flat parameter files exactly as
// hnn_core.read_params does (hnn_core/params.py, params_default.py at
// HNN-core commit 5ca983a): the ".json" files of hnn_core/param
// (default.json, N20.json, gamma_L5weak_L2weak.json) and the legacy
// ".param" text files of the HNN GUI ("key: value" lines).
//
// # Reading
//
// [ReadFile] and [Parse] pick the format by extension, parse the file
// ([ParseJSON], [ParseLegacy]) and complete it with HNN-core's defaults
// ([WithDefaults], [Defaults]), as HNN-core's Params(dict) does: the
// result has exactly the default keys, in the defaults' order, for the
// number of evoked inputs the file defines ([CountEvoked]). Keys the
// defaults do not know are dropped, as in HNN-core, where they are dropped
// silently; [Unknown] lists them. Among the dropped keys are the tonic
// bias keys Itonic_* of legacy files, so that HNN-core never adds biases
// from a file it reads.
//
// Two things HNN-core forgives are errors here: a key repeated in a JSON
// object (json.loads keeps the last value; [ParseJSON] still does, as
// HNN-core's _read_json), reported with the line and column of both, and
// a file larger than jsonstrict.MaxSize (256 MiB).
//
// # Types
//
// A [Value] has the type Python gives it ([Kind]): JSON numbers with a
// fraction or exponent are floats, other numbers ints (170 and 170.0
// differ in type but compare equal, [Value.Equal]); JSON also allows NaN
// and ±Infinity, as Python's json module does. In a legacy file a value
// containing "." or "e" is a float if Python's float() accepts it, any
// other value an int if Python's int() accepts it, and otherwise a string:
// "1e-06" is a float, "007" the int 7, "1_000" the int 1000, but "1E5",
// "inf" and "True" are strings. Every line of a legacy file must have
// exactly one colon, so a blank line is an error, as in HNN-core.
//
// The typed getters of [Params] follow Python's use of the values:
// [Params.Float] accepts ints, floats and bools, [Params.Int] ints and
// bools (a float such as 10.0 is not a count), [Params.Trunc] converts as
// Python's int(x) (HNN-core's seeds), [Params.Truth] is Python's truth
// value. Their errors, [MissingError] and [TypeError], name the key; file
// errors, [SyntaxError], give the file, line and (for JSON) column.
//
// # Wildcards
//
// As HNN-core's Params.__getitem__ and __setitem__, [Params.Match] selects
// the parameters whose names match a Python fnmatch pattern (*, ?, [seq],
// [!seq]), e.g. "gbar_L2*", and [Params.Set] sets every parameter its key
// matches, or adds the key when nothing matches.
//
// # Units
//
// The files use HNN-core's units without saying so: times in ms, weights
// (gbar_*, *_A_weight*) in µS, rates in Hz, lengths in µm, tonic currents
// in nA. This package keeps the values as they are; models/hnn turns them
// into a network description.
//
// # Writing
//
// [Params.WriteFile] writes the JSON form of HNN-core's Params.write
// (one line, ", " and ": " separators, Python's float repr).
package hnnparams
