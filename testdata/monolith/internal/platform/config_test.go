package platform

import (
	"io"
	"testing"
	"time"
)

func TestParseConfig(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		wantAddr string
		wantErr  bool
	}{
		{name: "defaults", wantAddr: "127.0.0.1:8080"},
		{name: "addr", args: []string{"-addr", "127.0.0.1:9001"}, wantAddr: "127.0.0.1:9001"},
		{name: "empty addr", args: []string{"-addr", ""}, wantErr: true},
		{name: "dsn without driver", args: []string{"-dsn", "x", "-driver", ""}, wantErr: true},
		{name: "stray argument", args: []string{"serve"}, wantErr: true},
		{name: "unknown flag", args: []string{"-port", "1"}, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := ParseConfig(tt.args, io.Discard)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tt.wantErr)
			}
			if err == nil && (c.Addr != tt.wantAddr || c.ShutdownTimeout != 10*time.Second || !c.Jobs) {
				t.Errorf("config = %+v, want addr %s and defaults", c, tt.wantAddr)
			}
		})
	}
}
