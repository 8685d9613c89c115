package conformance

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"k8s.io/apiextensions-apiserver/pkg/apis/apiextensions"
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	structuralschema "k8s.io/apiextensions-apiserver/pkg/apiserver/schema"
	"k8s.io/apiextensions-apiserver/pkg/apiserver/schema/cel"
	structuraldefaulting "k8s.io/apiextensions-apiserver/pkg/apiserver/schema/defaulting"
	"k8s.io/apiextensions-apiserver/pkg/apiserver/schema/listtype"
	"k8s.io/apiextensions-apiserver/pkg/apiserver/schema/pruning"
	apiservervalidation "k8s.io/apiextensions-apiserver/pkg/apiserver/validation"
	apimachineryvalidation "k8s.io/apimachinery/pkg/api/validation"
	utiljson "k8s.io/apimachinery/pkg/util/json"
	"k8s.io/apimachinery/pkg/util/validation/field"
	celconfig "k8s.io/apiserver/pkg/apis/cel"
	gatewayv1 "sigs.k8s.io/gateway-api/apis/v1"
	"sigs.k8s.io/yaml"

	"github.com/ficus-dev/ficus/strangler/mesh"
)

// crdVersion validates custom resources of one served version of a CRD as
// the apiserver does on create: prune unknown fields (reported), apply
// defaults, check the OpenAPI schema, list keys, then the CEL rules.
type crdVersion struct {
	release    string
	structural *structuralschema.Structural
	schema     apiservervalidation.SchemaValidator
	cel        *cel.Validator
}

// loadCRD reads a standard-channel CRD file of a release of the Gateway
// API module (fetched into the module cache, checked against go.sum's
// checksum database like any module) and returns the validation of one of
// its served versions.
func loadCRD(t *testing.T, release, file, version string) *crdVersion {
	t.Helper()
	out, err := exec.Command("go", "mod", "download", "-json", "sigs.k8s.io/gateway-api@"+release).Output()
	if err != nil {
		t.Fatalf("download sigs.k8s.io/gateway-api@%s: %v", release, err)
	}
	var mod struct{ Dir string }
	if err := json.Unmarshal(out, &mod); err != nil || mod.Dir == "" {
		t.Fatalf("go mod download: %v\n%s", err, out)
	}
	path := filepath.Join(mod.Dir, "config", "crd", "standard", file)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var crd apiextensionsv1.CustomResourceDefinition
	if err := yaml.UnmarshalStrict(data, &crd); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var internal apiextensions.CustomResourceDefinition
	if err := apiextensionsv1.Convert_v1_CustomResourceDefinition_To_apiextensions_CustomResourceDefinition(&crd, &internal, nil); err != nil {
		t.Fatal(err)
	}
	for _, v := range internal.Spec.Versions {
		if v.Name != version {
			continue
		}
		// The internal form hoists a schema all versions share.
		props := internal.Spec.Validation
		if v.Schema != nil {
			props = v.Schema
		}
		if props == nil {
			break
		}
		s, err := structuralschema.NewStructural(props.OpenAPIV3Schema)
		if err != nil {
			t.Fatal(err)
		}
		sv, _, err := apiservervalidation.NewSchemaValidator(props.OpenAPIV3Schema)
		if err != nil {
			t.Fatal(err)
		}
		return &crdVersion{release: release, structural: s, schema: sv, cel: cel.NewValidator(s, true, celconfig.PerCallLimit)}
	}
	t.Fatalf("%s serves no version %s", path, version)
	return nil
}

func (v *crdVersion) validate(obj map[string]any) field.ErrorList {
	var errs field.ErrorList
	for _, p := range pruning.PruneWithOptions(obj, v.structural, true, structuralschema.UnknownFieldPathOptions{TrackUnknownFieldPaths: true}) {
		errs = append(errs, field.Invalid(field.NewPath(p), nil, "unknown field"))
	}
	structuraldefaulting.Default(obj, v.structural)
	errs = append(errs, apiservervalidation.ValidateCustomResource(nil, obj, v.schema)...)
	errs = append(errs, listtype.ValidateListSetsAndMaps(nil, v.structural, obj)...)
	if v.cel != nil {
		celErrs, _ := v.cel.Validate(context.Background(), nil, v.structural, obj, nil, celconfig.RuntimeCELCostBudget)
		errs = append(errs, celErrs...)
	}
	return errs
}

// gatewayReleases are the Gateway API releases whose standard-channel
// CRDs the exports must pass: the oldest docs/exports.md promises for each
// kind, and the newest supported.
func gatewayReleases(t *testing.T) map[string][]*crdVersion {
	return map[string][]*crdVersion{
		"HTTPRoute": {
			loadCRD(t, "v1.0.0", "gateway.networking.k8s.io_httproutes.yaml", "v1"),
			loadCRD(t, "v1.6.3", "gateway.networking.k8s.io_httproutes.yaml", "v1"),
		},
		"BackendTLSPolicy": {
			loadCRD(t, "v1.4.0", "gateway.networking.k8s.io_backendtlspolicies.yaml", "v1"),
			loadCRD(t, "v1.6.3", "gateway.networking.k8s.io_backendtlspolicies.yaml", "v1"),
		},
	}
}

// TestGatewayAPIExportsPassTheCRDs applies the standard-channel CRD
// validation of Gateway API v1.0.0 (v1.4.0 for BackendTLSPolicy) and
// v1.6.3, CEL rules included, to every object of every Gateway API export,
// and checks object names as the apiserver does.
func TestGatewayAPIExportsPassTheCRDs(t *testing.T) {
	validators := gatewayReleases(t)
	for _, e := range exports(t, mesh.GatewayAPI) {
		t.Run(e.name, func(t *testing.T) {
			seen := map[string]bool{}
			for _, doc := range e.docs {
				kind, name := str(doc, "kind"), str(doc, "metadata", "name")
				if str(doc, "apiVersion") != "gateway.networking.k8s.io/v1" {
					t.Errorf("%s %s: apiVersion %q", kind, name, str(doc, "apiVersion"))
				}
				vs := validators[kind]
				if vs == nil {
					t.Errorf("unexpected kind %q", kind)
					continue
				}
				for _, msg := range apimachineryvalidation.NameIsDNSSubdomain(name, false) {
					t.Errorf("%s %q: metadata.name: %s", kind, name, msg)
				}
				if seen[kind+"/"+name] {
					t.Errorf("two %s objects are named %q: the second replaces the first", kind, name)
				}
				seen[kind+"/"+name] = true
				if kind == "HTTPRoute" {
					// The module's Go types read it too, without unknown fields.
					raw, err := yaml.Marshal(doc)
					if err != nil {
						t.Fatal(err)
					}
					if err := yaml.UnmarshalStrict(raw, &gatewayv1.HTTPRoute{}); err != nil {
						t.Errorf("HTTPRoute %q: %v", name, err)
					}
				}
				for _, v := range vs {
					// Each validation defaults the object: give each a copy.
					var cp map[string]any
					raw, _ := json.Marshal(doc)
					if err := utiljson.Unmarshal(raw, &cp); err != nil {
						t.Fatal(err)
					}
					for _, err := range v.validate(cp) {
						t.Errorf("%s %q (Gateway API %s): %v", kind, name, v.release, err)
					}
				}
			}
		})
	}
}

// TestGatewayCRDRefuses keeps the CRD check honest: each object here is
// one that earlier exports wrote and the apiserver refuses.
func TestGatewayCRDRefuses(t *testing.T) {
	v := loadCRD(t, "v1.6.3", "gateway.networking.k8s.io_httproutes.yaml", "v1")
	rule := func(match, extra string) string {
		return `{"apiVersion": "gateway.networking.k8s.io/v1", "kind": "HTTPRoute", "metadata": {"name": "r"},
			"spec": {"parentRefs": [{"name": "ficus"}], "hostnames": HOSTS,
			"rules": [{"matches": [` + match + `], "backendRefs": [{"name": "orders", "port": 8080}]` + extra + `}]}}`
	}
	ok := rule(`{"path": {"type": "Exact", "value": "/orders"}}`, "")
	cases := map[string]string{
		"fractional timeout": rule(`{"path": {"type": "Exact", "value": "/orders"}}`, `, "timeouts": {"backendRequest": "0.25s"}`),
		"lower-case method":  rule(`{"path": {"type": "Exact", "value": "/orders"}, "method": "get"}`, ""),
		"PURGE":              rule(`{"path": {"type": "Exact", "value": "/orders"}, "method": "PURGE"}`, ""),
		"two Cookie headers": rule(`{"path": {"type": "Exact", "value": "/orders"}, "headers": [{"type": "RegularExpression", "name": "Cookie", "value": "a"}, {"type": "RegularExpression", "name": "Cookie", "value": "b"}]}`, ""),
		"bracket query name": rule(`{"path": {"type": "Exact", "value": "/orders"}, "queryParams": [{"name": "filter[name]", "value": "x"}]}`, ""),
		"double slash":       rule(`{"path": {"type": "Exact", "value": "/x//y"}}`, ""),
		"dot-dot":            rule(`{"path": {"type": "PathPrefix", "value": "/../"}}`, ""),
		"escaped slash":      rule(`{"path": {"type": "Exact", "value": "/a%2Fb"}}`, ""),
	}
	check := func(name, obj, hosts string, wantErr bool) {
		var doc map[string]any
		if err := utiljson.Unmarshal([]byte(strings.Replace(obj, "HOSTS", hosts, 1)), &doc); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if errs := v.validate(doc); (len(errs) > 0) != wantErr {
			t.Errorf("%s: errors %v, want errors: %v", name, errs, wantErr)
		}
	}
	check("valid", ok, `["shop.example"]`, false)
	for name, obj := range cases {
		check(name, obj, `["shop.example"]`, true)
	}
	check("upper-case hostname", ok, `["API.Example.COM"]`, true)
	check("hostname *", ok, `["*"]`, true)

	// Gateway API v1.0 has no timeouts in its standard channel.
	v, v163 := loadCRD(t, "v1.0.0", "gateway.networking.k8s.io_httproutes.yaml", "v1"), v
	timeouts := rule(`{"path": {"type": "Exact", "value": "/orders"}}`, `, "timeouts": {"backendRequest": "250ms"}`)
	check("timeouts in v1.0", timeouts, `["shop.example"]`, true)
	v = v163
	check("timeouts in v1.6", timeouts, `["shop.example"]`, false)
}
