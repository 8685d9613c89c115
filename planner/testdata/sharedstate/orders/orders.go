// Package orders places orders.
package orders

import (
	"example.com/state/billing"
	"example.com/state/platform"
)

// Prices is a global map only orders uses.
var Prices = map[string]int{}

// Place places an order.
func Place(sku string) int {
	platform.Requests++
	platform.Mode = "placing"
	Prices[sku] = 3
	billing.Get()
	return billing.Default.N + len(platform.Sessions[sku])
}
