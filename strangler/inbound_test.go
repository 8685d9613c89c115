package strangler

import "testing"

func TestDropInbound(t *testing.T) {
	tests := []struct {
		name    string
		trusted bool
		want    bool
	}{
		{"X-Ficus-Shadow", true, true},
		{"x-ficus-anything", false, true},
		{"X-Ficus", false, false},
		{"X_Forwarded_For", true, true},
		{"X_forwarded_proto", true, true},
		{"X-Forwarded-For", false, false}, // replaced, not dropped
		{"X-Real-Ip", false, true},
		{"X-Real-Ip", true, false},
		{"X_Real_IP", true, true},
		{"Client-Ip", false, true},
		{"True-Client-Ip", false, true},
		{"Content-Type", false, false},
		{"Accept", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := dropInbound(tt.name, tt.trusted); got != tt.want {
				t.Errorf("dropInbound(%q, trusted %v) = %v, want %v", tt.name, tt.trusted, got, tt.want)
			}
		})
	}
	if n := testing.AllocsPerRun(100, func() { dropInbound("X-Request-Id", false) }); n != 0 {
		t.Errorf("dropInbound allocates %v times per call", n)
	}
}
