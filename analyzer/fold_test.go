package analyzer

import "testing"

func TestHugeWidth(t *testing.T) {
	tests := []struct {
		format string
		want   bool
	}{
		{"%s/v%d/status", false},
		{"/api/v2024/%s", false},
		{"%*d", true},
		{"%08d", false},
		{"%0999999999d", true},
		{"%.100s", true},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			if got := hugeWidth(tt.format); got != tt.want {
				t.Errorf("hugeWidth(%q) = %v, want %v", tt.format, got, tt.want)
			}
		})
	}
}
