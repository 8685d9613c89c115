package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

func TestPrices(t *testing.T) {
	tests := []struct {
		name      string
		fixed     bool
		wantPrice any
	}{
		{"with the bug", false, 24.9},
		{"fixed", true, 2490.0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(newCatalog(time.Unix(0, 0), tt.fixed).routes())
			defer srv.Close()
			res, err := http.Get(srv.URL + "/products/prd_espresso")
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			var p map[string]any
			if err := json.NewDecoder(res.Body).Decode(&p); err != nil {
				t.Fatal(err)
			}
			if p["price_cents"] != tt.wantPrice || p["sku"] != "COF-ESP-1KG" {
				t.Errorf("got %v", p)
			}
		})
	}
}
