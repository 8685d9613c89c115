package conformance

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/types/known/durationpb"
	networking "istio.io/api/networking/v1"
	apimachineryvalidation "k8s.io/apimachinery/pkg/api/validation"

	"github.com/ficus-dev/ficus/strangler/mesh"
)

// TestIstioExportsPassIstioValidation reads every object of every Istio
// export strictly into istio.io/api v1.32.0's types (unknown fields are
// errors) and applies Istio's documented validation rules to it.
func TestIstioExportsPassIstioValidation(t *testing.T) {
	for _, e := range exports(t, mesh.Istio) {
		t.Run(e.name, func(t *testing.T) {
			for _, doc := range e.docs {
				kind, name := str(doc, "kind"), str(doc, "metadata", "name")
				if str(doc, "apiVersion") != "networking.istio.io/v1" {
					t.Errorf("%s %s: apiVersion %q", kind, name, str(doc, "apiVersion"))
				}
				for _, msg := range apimachineryvalidation.NameIsDNSSubdomain(name, false) {
					t.Errorf("%s %q: metadata.name: %s", kind, name, msg)
				}
				raw, err := json.Marshal(doc["spec"])
				if err != nil {
					t.Fatal(err)
				}
				var errs []error
				switch kind {
				case "VirtualService":
					var vs networking.VirtualService
					if err := protojson.Unmarshal(raw, &vs); err != nil {
						t.Errorf("VirtualService %q: %v", name, err)
						continue
					}
					errs = validateVirtualService(&vs)
				case "DestinationRule":
					var dr networking.DestinationRule
					if err := protojson.Unmarshal(raw, &dr); err != nil {
						t.Errorf("DestinationRule %q: %v", name, err)
						continue
					}
					errs = validateDestinationRule(&dr)
				default:
					t.Errorf("unexpected kind %q", kind)
				}
				for _, err := range errs {
					t.Errorf("%s %q: %v", kind, name, err)
				}
			}
		})
	}
}

// TestIstioRulesFail keeps the rules honest on what Istio refuses.
func TestIstioRulesFail(t *testing.T) {
	bad := []string{
		`{"hosts": ["*"], "http": [{"route": [{"destination": {"host": "monolith"}}]}]}`,
		`{"hosts": ["shop"], "http": [{"route": [{"destination": {"host": "legacy_monolith"}}]}]}`,
		`{"hosts": ["shop"], "http": [{"timeout": "0.0001s", "route": [{"destination": {"host": "m"}}]}]}`,
		`{"hosts": ["shop"], "http": [{"retries": {"attempts": 0, "retryOn": "5xx"}, "route": [{"destination": {"host": "m"}}]}]}`,
		`{"hosts": ["shop"], "http": [{"match": [{"uri": {"regex": "("}}], "route": [{"destination": {"host": "m"}}]}]}`,
	}
	for _, b := range bad {
		var vs networking.VirtualService
		if err := protojson.Unmarshal([]byte(b), &vs); err != nil {
			t.Fatal(err)
		}
		if len(validateVirtualService(&vs)) == 0 {
			t.Errorf("accepted %s", b)
		}
	}
}

// dnsLabel and wildcardDomain are Istio's host syntax (ValidateWildcardDomain).
var dnsLabel = regexp.MustCompile(`^[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?$`)

func validateWildcardDomain(host string) error {
	if host == "" || len(host) > 255 {
		return fmt.Errorf("host %q: must be 1 to 255 characters", host)
	}
	if host == "*" {
		return nil
	}
	labels := strings.Split(strings.TrimPrefix(host, "*."), ".")
	for _, l := range labels {
		if !dnsLabel.MatchString(l) || len(l) > 63 {
			return fmt.Errorf("host %q: label %q is not a DNS label", host, l)
		}
	}
	return nil
}

// validateDuration is Istio's: at least 1ms, in whole milliseconds.
func validateDuration(d *durationpb.Duration) error {
	if d == nil {
		return nil
	}
	if err := d.CheckValid(); err != nil {
		return err
	}
	if d.AsDuration().Milliseconds() < 1 || d.GetNanos()%1e6 != 0 {
		return fmt.Errorf("duration %v: must be at least 1ms, in whole milliseconds", d.AsDuration())
	}
	return nil
}

func validateStringMatch(sm *networking.StringMatch, where string) error {
	if sm == nil {
		return nil
	}
	switch {
	case sm.GetRegex() != "":
		if len(sm.GetRegex()) > 1024 {
			return fmt.Errorf("%s: regex is longer than 1024", where)
		}
		if _, err := regexp.Compile(sm.GetRegex()); err != nil {
			return fmt.Errorf("%s: %w", where, err)
		}
	case sm.GetMatchType() == nil:
		return fmt.Errorf("%s: empty match", where)
	}
	return nil
}

// retryOn are the policies Istio accepts besides status codes.
var retryOn = map[string]bool{
	"5xx": true, "gateway-error": true, "reset": true, "connect-failure": true, "retriable-4xx": true,
	"refused-stream": true, "retriable-status-codes": true, "retriable-headers": true, "envoy-ratelimited": true,
	"http3-post-connect-failure": true, "cancelled": true, "deadline-exceeded": true, "internal": true,
	"resource-exhausted": true, "unavailable": true, "reset-before-request": true,
}

func validateDestination(d *networking.Destination) []error {
	if d == nil {
		return []error{fmt.Errorf("destination is required")}
	}
	var errs []error
	if d.GetHost() == "*" {
		errs = append(errs, fmt.Errorf("invalid destination host *"))
	} else if err := validateWildcardDomain(d.GetHost()); err != nil {
		errs = append(errs, err)
	}
	if p := d.GetPort(); p != nil && (p.GetNumber() < 1 || p.GetNumber() > 65535) {
		errs = append(errs, fmt.Errorf("port %d out of range", p.GetNumber()))
	}
	return errs
}

// validateVirtualService applies the rules of Istio's
// ValidateVirtualService that the exports can break.
func validateVirtualService(vs *networking.VirtualService) []error {
	var errs []error
	add := func(err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}
	if len(vs.GetHosts()) == 0 {
		add(fmt.Errorf("virtual service must have at least one host"))
	}
	mesh := len(vs.GetGateways()) == 0
	for _, g := range vs.GetGateways() {
		mesh = mesh || g == "mesh"
	}
	seen := map[string]bool{}
	for _, h := range vs.GetHosts() {
		add(validateWildcardDomain(h))
		if mesh && h == "*" {
			add(fmt.Errorf("wildcard host * is not allowed for virtual services bound to the mesh gateway"))
		}
		if seen[h] {
			add(fmt.Errorf("duplicate host %q", h))
		}
		seen[h] = true
	}
	if len(vs.GetHttp()) == 0 {
		add(fmt.Errorf("http, tcp or tls must be provided in virtual service"))
	}
	for i, hr := range vs.GetHttp() {
		where := fmt.Sprintf("http[%d] %q", i, hr.GetName())
		if len(hr.GetMatch()) == 0 && i != len(vs.GetHttp())-1 {
			add(fmt.Errorf("%s: only the last rule can have no matches", where))
		}
		for _, m := range hr.GetMatch() {
			add(validateStringMatch(m.GetUri(), where+" uri"))
			add(validateStringMatch(m.GetMethod(), where+" method"))
			add(validateStringMatch(m.GetAuthority(), where+" authority"))
			for h, sm := range m.GetHeaders() {
				if h == "" || h != strings.ToLower(h) {
					add(fmt.Errorf("%s: header name %q must be lower case", where, h))
				}
				add(validateStringMatch(sm, where+" header "+h))
			}
			for q, sm := range m.GetQueryParams() {
				add(validateStringMatch(sm, where+" query "+q))
			}
		}
		if len(hr.GetRoute()) == 0 {
			add(fmt.Errorf("%s: route is required", where))
		}
		total := int32(0)
		for _, d := range hr.GetRoute() {
			errs = append(errs, validateDestination(d.GetDestination())...)
			if d.GetWeight() < 0 {
				add(fmt.Errorf("%s: weight %d is negative", where, d.GetWeight()))
			}
			total += d.GetWeight()
		}
		if len(hr.GetRoute()) > 1 && total == 0 {
			add(fmt.Errorf("%s: total destination weight = 0", where))
		}
		add(validateDuration(hr.GetTimeout()))
		if r := hr.GetRetries(); r != nil {
			if r.GetAttempts() < 0 {
				add(fmt.Errorf("%s: attempts cannot be negative", where))
			}
			if r.GetAttempts() == 0 && (r.GetRetryOn() != "" || r.GetPerTryTimeout() != nil) {
				add(fmt.Errorf("%s: http retry policy configured when attempts are set to 0 (disabled)", where))
			}
			for _, p := range strings.Split(r.GetRetryOn(), ",") {
				if p != "" && !retryOn[p] {
					add(fmt.Errorf("%s: %q is not a valid retryOn policy", where, p))
				}
			}
		}
		if hr.GetMirror() != nil {
			errs = append(errs, validateDestination(hr.GetMirror())...)
		}
		if p := hr.GetMirrorPercentage(); p != nil && (p.GetValue() < 0 || p.GetValue() > 100) {
			add(fmt.Errorf("%s: mirror percentage %v out of 0-100", where, p.GetValue()))
		}
		if rw := hr.GetRewrite(); rw != nil {
			if rw.GetUri() == "" && rw.GetUriRegexRewrite() == nil && rw.GetAuthority() == "" {
				add(fmt.Errorf("%s: rewrite must specify at least one of URI, UriRegexRewrite, or authority", where))
			}
			if rr := rw.GetUriRegexRewrite(); rr != nil {
				if rr.GetMatch() == "" || rr.GetRewrite() == "" {
					add(fmt.Errorf("%s: UriRegexRewrite requires both Rewrite and Match fields", where))
				}
				if _, err := regexp.Compile(rr.GetMatch()); err != nil {
					add(fmt.Errorf("%s: %w", where, err))
				}
			}
		}
	}
	return errs
}

// validateDestinationRule applies the rules of Istio's
// ValidateDestinationRule that the exports can break.
func validateDestinationRule(dr *networking.DestinationRule) []error {
	var errs []error
	add := func(err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}
	add(validateWildcardDomain(dr.GetHost()))
	tp := dr.GetTrafficPolicy()
	if od := tp.GetOutlierDetection(); od != nil {
		add(validateDuration(od.GetInterval()))
		add(validateDuration(od.GetBaseEjectionTime()))
	}
	if cp := tp.GetConnectionPool().GetTcp(); cp != nil && cp.GetMaxConnections() < 0 {
		add(fmt.Errorf("maxConnections must be non-negative"))
	}
	if tls := tp.GetTls(); tls != nil {
		if tls.GetInsecureSkipVerify().GetValue() && (tls.GetCaCertificates() != "" || len(tls.GetSubjectAltNames()) > 0) {
			add(fmt.Errorf("cannot set caCertificates or subjectAltNames when insecureSkipVerify is true"))
		}
		if tls.GetMode() == networking.ClientTLSSettings_DISABLE && (tls.GetSni() != "" || tls.GetCaCertificates() != "") {
			add(fmt.Errorf("tls settings with mode DISABLE"))
		}
	}
	if lb := tp.GetLoadBalancer().GetConsistentHash(); lb != nil {
		if c := lb.GetHttpCookie(); c != nil && c.GetName() == "" {
			add(fmt.Errorf("consistentHash httpCookie name is required"))
		}
	}
	return errs
}
