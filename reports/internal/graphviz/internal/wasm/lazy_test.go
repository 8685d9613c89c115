package wasm

import "testing"

// TestLoadIsLazy checks that linking this package does not instantiate the
// module: only Load does.
func TestLoadIsLazy(t *testing.T) {
	if Loaded() {
		t.Fatal("module instantiated before Load: package initialisation still pays for Graphviz")
	}
	if err := Load(); err != nil {
		t.Fatalf("Load: %v", err)
	}
	if !Loaded() {
		t.Fatal("Load returned nil but the module is not instantiated")
	}
	if GRAPH == NODE {
		t.Fatalf("enum values not bound: GRAPH = NODE = %d", GRAPH)
	}
}
