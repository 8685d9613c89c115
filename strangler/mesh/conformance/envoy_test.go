package conformance

import (
	"encoding/json"
	"fmt"
	"regexp"
	"regexp/syntax"
	"strconv"
	"testing"

	bootstrapv3 "github.com/envoyproxy/go-control-plane/envoy/config/bootstrap/v3"
	_ "github.com/envoyproxy/go-control-plane/envoy/extensions/filters/http/router/v3"
	_ "github.com/envoyproxy/go-control-plane/envoy/extensions/filters/network/http_connection_manager/v3"
	_ "github.com/envoyproxy/go-control-plane/envoy/extensions/transport_sockets/tls/v3"
	_ "github.com/envoyproxy/go-control-plane/envoy/extensions/upstreams/http/v3"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/known/anypb"

	"github.com/ficus-dev/ficus/strangler/mesh"
)

// envoyDefaultProgramSize is RE2's program size limit in Envoy unless the
// runtime key re2.max_program_size.error_level raises it.
const envoyDefaultProgramSize = 100

// TestEnvoyExportsPassValidateAll reads every Envoy export strictly into
// go-control-plane's Bootstrap (unknown fields are errors), runs the
// generated ValidateAll on it and on every typed config inside, and checks
// each regular expression compiles and fits the RE2 program size limit
// the bootstrap sets.
func TestEnvoyExportsPassValidateAll(t *testing.T) {
	for _, e := range exports(t, mesh.Envoy) {
		t.Run(e.name, func(t *testing.T) {
			if len(e.docs) != 1 {
				t.Fatalf("%d documents, want one bootstrap", len(e.docs))
			}
			raw, err := json.Marshal(e.docs[0])
			if err != nil {
				t.Fatal(err)
			}
			var b bootstrapv3.Bootstrap
			if err := protojson.Unmarshal(raw, &b); err != nil {
				t.Fatalf("not a Bootstrap: %v", err)
			}
			if err := b.ValidateAll(); err != nil {
				t.Errorf("ValidateAll: %v", err)
			}
			limit := envoyDefaultProgramSize
			for _, l := range b.GetLayeredRuntime().GetLayers() {
				if v, ok := l.GetStaticLayer().GetFields()["re2.max_program_size.error_level"]; ok {
					limit = int(v.GetNumberValue())
				}
			}
			walkMessages(b.ProtoReflect(), func(m protoreflect.Message) {
				if a, ok := m.Interface().(*anypb.Any); ok {
					inner, err := a.UnmarshalNew()
					if err != nil {
						t.Errorf("typed config %s: %v", a.GetTypeUrl(), err)
						return
					}
					if v, ok := inner.(interface{ ValidateAll() error }); ok {
						if err := v.ValidateAll(); err != nil {
							t.Errorf("%s: ValidateAll: %v", a.GetTypeUrl(), err)
						}
					}
					walkMessages(inner.ProtoReflect(), func(im protoreflect.Message) { checkRegex(t, im, limit) })
				}
			})
		})
	}
}

// walkMessages calls f for m and every message set inside it.
func walkMessages(m protoreflect.Message, f func(protoreflect.Message)) {
	f(m)
	m.Range(func(fd protoreflect.FieldDescriptor, v protoreflect.Value) bool {
		switch {
		case fd.IsList() && fd.Message() != nil:
			l := v.List()
			for i := 0; i < l.Len(); i++ {
				walkMessages(l.Get(i).Message(), f)
			}
		case fd.IsMap() && fd.MapValue().Message() != nil:
			v.Map().Range(func(_ protoreflect.MapKey, mv protoreflect.Value) bool {
				walkMessages(mv.Message(), f)
				return true
			})
		case fd.Message() != nil && !fd.IsMap():
			walkMessages(v.Message(), f)
		}
		return true
	})
}

// checkRegex checks a RegexMatcher's regex.
func checkRegex(t *testing.T, m protoreflect.Message, limit int) {
	t.Helper()
	if m.Descriptor().FullName() != "envoy.type.matcher.v3.RegexMatcher" {
		return
	}
	re := m.Get(m.Descriptor().Fields().ByName("regex")).String()
	if _, err := regexp.Compile(re); err != nil {
		t.Errorf("regex %q: %v", re, err)
		return
	}
	if size := re2ProgramSize(re); size > limit {
		t.Errorf("regex %q: RE2 program size %d is over the limit %d", re, size, limit)
	}
}

// re2ProgramSize counts the instructions of the regex's program as RE2's
// compiler (of which Go's is a port) emits them.
func re2ProgramSize(re string) int {
	p, err := syntax.Parse(re, syntax.Perl)
	if err != nil {
		return 0
	}
	prog, err := syntax.Compile(p.Simplify())
	if err != nil {
		return 0
	}
	return len(prog.Inst)
}

// TestEnvoyChecksFail keeps the checks honest: a cookie regex for a
// 100-character value is over RE2's default limit, and ValidateAll
// refuses a port out of range.
func TestEnvoyChecksFail(t *testing.T) {
	re := `^(.*;)?[ \t]*session=` + fmt.Sprintf("%0100d", 0) + `[ \t]*(;.*)?$`
	if n := re2ProgramSize(re); n <= envoyDefaultProgramSize {
		t.Errorf("program size %d of a 100-character cookie regex is within %d: the check cannot fail", n, envoyDefaultProgramSize)
	}
	var b bootstrapv3.Bootstrap
	if err := protojson.Unmarshal([]byte(`{"admin": {"address": {"socket_address": {"address": "x", "port_value": `+strconv.Itoa(1<<20)+`}}}}`), &b); err != nil {
		t.Fatal(err)
	}
	if b.ValidateAll() == nil {
		t.Error("ValidateAll accepts port 1048576: the validation is not running")
	}
}
