package model_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/laminasim/lamina/model"
	"github.com/laminasim/lamina/model/jsonstrict"
	"github.com/laminasim/lamina/models/hnn"
)

// tinyModel is a model file with one connection, for the error cases.
const tinyModel = `{
  "name": "tiny",
  "populations": [],
  "connections": [
    {"src": "a", "target": "b", "loc": "soma", "receptor": "ampa",
     "weight_uS": 0.1, "delay_ms": 1, "lamtha": 3}
  ],
  "celsius": 37
}`

// TestParseErrors checks that a model file is read strictly, with errors
// that give the line, the column and the JSON path.
func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, old, new string
		kind           error
		want           string
	}{
		{"misspelled key in connections[]", `"weight_uS": 0.1`, `"weight": 0.1`, jsonstrict.ErrUnknownKey,
			`model: line 6 column 6: connections[0].weight: unknown key "weight" (did you mean "weight_uS"?)`},
		{"key in another case", `"celsius"`, `"Celsius"`, jsonstrict.ErrUnknownKey,
			`model: line 8 column 3: Celsius: unknown key "Celsius" (did you mean "celsius"?)`},
		{"misspelled top-level key", `"celsius"`, `"seeding": "hnn", "celsuis"`, jsonstrict.ErrUnknownKey,
			`model: line 8 column 21: celsuis: unknown key "celsuis" (did you mean "celsius"?)`},
		{"duplicate key", `"delay_ms": 1,`, `"delay_ms": 1, "delay_ms": 2,`, jsonstrict.ErrDuplicateKey,
			`model: line 6 column 39: connections[0].delay_ms: key "delay_ms" appears twice (first at line 6 column 24)`},
		{"syntax error", `"lamtha": 3}`, `"lamtha": 3,}`, jsonstrict.ErrSyntax,
			`model: line 6 column 51: invalid character '}' looking for beginning of object key string (in connections[0])`},
		{"wrong type", `"delay_ms": 1`, `"delay_ms": "1"`, jsonstrict.ErrType,
			`model: line 6 column 36: connections[0].delay_ms: got "1", want a number`},
		{"position of two numbers", `"populations": []`, `"origin_um": [0, 0]`, jsonstrict.ErrType,
			`model: line 3 column 16: origin_um: got 2 elements, want 3`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(tinyModel, tt.old) {
				t.Fatalf("no %s in the model", tt.old)
			}
			in := strings.Replace(tinyModel, tt.old, tt.new, 1)
			_, err := model.Parse([]byte(in))
			if err == nil {
				t.Fatalf("no error for\n%s", in)
			}
			if err.Error() != tt.want {
				t.Errorf("error\n %s\nwant\n %s", err, tt.want)
			}
			if !errors.Is(err, tt.kind) {
				t.Errorf("error %v is not %v", err, tt.kind)
			}
		})
	}
}

// TestParseDefaults checks that a connection's gain and probability still
// default to 1, and that what Parse reads is what encoding/json reads.
func TestParseDefaults(t *testing.T) {
	net, err := model.Parse([]byte(tinyModel))
	if err != nil {
		t.Fatal(err)
	}
	if c := net.Connections[0]; c.Gain != 1 || c.Probability != 1 || c.WeightUS != 0.1 {
		t.Errorf("connection %+v, want gain and probability 1", c)
	}
	var plain model.Network
	if err := json.Unmarshal([]byte(tinyModel), &plain); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(net, &plain) {
		t.Errorf("Parse gave %+v, json.Unmarshal %+v", net, plain)
	}
}

// TestConnectionStrict checks that Connection.UnmarshalJSON itself rejects
// unknown keys, for callers that use encoding/json (a weight of 0 before).
func TestConnectionStrict(t *testing.T) {
	var c model.Connection
	err := json.Unmarshal([]byte(`{"src": "a", "weight": 0.5}`), &c)
	if err == nil || !strings.Contains(err.Error(), `unknown field "weight"`) {
		t.Errorf("error %v, want one about the unknown field", err)
	}
	var n model.Network
	err = json.Unmarshal([]byte(`{"connections": [{"src": "a", "weight": 0.5}]}`), &n)
	if err == nil || !strings.Contains(err.Error(), `unknown field "weight"`) {
		t.Errorf("in a network: error %v, want one about the unknown field", err)
	}
}

// TestParseNested checks misspelled keys deep in a model: inside a
// mechanism profile (cell.Profile decodes itself) and inside a drive.
func TestParseNested(t *testing.T) {
	b, err := json.MarshalIndent(hnn.ERP(), "", " ")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ old, new, path, want string }{
		{`"rate_per_um"`, `"rate_um"`, `populations[3].cell.mechanisms[8].params.gbar.rate_um`,
			`unknown key "rate_um" (known keys: at_kink, at_zero, hotzone_factor, hotzone_um, kind, kink_um, offset, rate_per_um, value, values)`},
		{`"sigma_ms"`, `"sigma_mss"`, `drives[0].evoked.sigma_mss`, `unknown key "sigma_mss" (did you mean "sigma_ms"?)`},
	} {
		i := bytes.Index(b, []byte(c.old))
		if i < 0 {
			t.Fatalf("no %s in the model", c.old)
		}
		bad := bytes.Replace(b, []byte(c.old), []byte(c.new), 1)
		_, err = model.Parse(bad)
		line, col := jsonstrict.Position(bad, int64(i))
		want := fmt.Sprintf("model: line %d column %d: %s: %s", line, col, c.path, c.want)
		if err == nil || err.Error() != want {
			t.Errorf("error\n %v\nwant\n %s", err, want)
		}
	}
}

// TestParseLaminaFiles checks that the models Lamina writes (and a model
// file written by hand) read back strictly, unchanged.
func TestParseLaminaFiles(t *testing.T) {
	nets := []*model.Network{hnn.Jones2009(3, 3), hnn.ERP(), hnn.Alpha(), hnn.GammaWeak()}
	for _, n := range nets {
		b, err := json.Marshal(n)
		if err != nil {
			t.Fatal(err)
		}
		back, err := model.Parse(b)
		if err != nil {
			t.Fatalf("%s: %v", n.Name, err)
		}
		if !reflect.DeepEqual(back, n.Copy()) {
			t.Errorf("%s: Parse changed the network", n.Name)
		}
	}
	ring := filepath.Join("..", "models", "tutorial", "testdata", "ball_and_stick_ring.json")
	got, err := model.ReadFile(ring)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(ring)
	if err != nil {
		t.Fatal(err)
	}
	var want model.Network
	if err := json.Unmarshal(b, &want); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, &want) {
		t.Error("ReadFile read the ring model differently from json.Unmarshal")
	}
	if _, err := model.Read(bytes.NewReader(b)); err != nil {
		t.Error(err)
	}
}

func TestReadFileLimit(t *testing.T) {
	// a sparse file one byte over the cap: refused from its size, unread
	path := filepath.Join(t.TempDir(), "big.json")
	if err := os.WriteFile(path, []byte(tinyModel), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(path, jsonstrict.MaxSize+1); err != nil {
		t.Fatal(err)
	}
	_, err := model.ReadFile(path)
	want := "model: " + path + ": larger than the 256 MiB limit on JSON input"
	if err == nil || err.Error() != want {
		t.Errorf("error %v, want %s", err, want)
	}
	if !errors.Is(err, jsonstrict.ErrTooLarge) {
		t.Errorf("error %v is not ErrTooLarge", err)
	}
	if _, err := model.Read(strings.NewReader(tinyModel)); err != nil {
		t.Errorf("Read of a small model: %v", err)
	}
}
