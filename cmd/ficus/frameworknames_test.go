package main

import (
	"testing"

	"github.com/ficus-dev/ficus/analyzer"
	"github.com/ficus-dev/ficus/strangler/config"
)

// TestFrameworkNamesAgree: proxy init translates a route by the framework
// name the analyzer records; the two packages spell the names alike.
func TestFrameworkNamesAgree(t *testing.T) {
	for _, pair := range [][2]string{
		{analyzer.FrameworkNetHTTP, config.FrameworkNetHTTP},
		{analyzer.FrameworkGorilla, config.FrameworkGorilla},
		{analyzer.FrameworkChi, config.FrameworkChi},
		{analyzer.FrameworkGin, config.FrameworkGin},
		{analyzer.FrameworkEcho, config.FrameworkEcho},
		{analyzer.FrameworkHTTPRouter, config.FrameworkHTTPRouter},
	} {
		if pair[0] != pair[1] {
			t.Errorf("analyzer says %q, strangler/config %q", pair[0], pair[1])
		}
	}
}
