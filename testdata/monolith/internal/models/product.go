package models

import "time"

// TopicInventoryLow is published when a product's stock falls to or below
// the catalog's low-stock threshold.
const TopicInventoryLow = "inventory.low"

// Category groups products in the catalog.
type Category struct {
	ID        string    `json:"id"`
	Name      string    `json:"name"`
	Slug      string    `json:"slug"`
	CreatedAt time.Time `json:"created_at"`
}

// Product is a sellable item with its current price and stock level.
type Product struct {
	ID          string    `json:"id"`
	SKU         string    `json:"sku"`
	Name        string    `json:"name"`
	Description string    `json:"description"`
	CategoryID  string    `json:"category_id"`
	PriceCents  int64     `json:"price_cents"`
	Currency    string    `json:"currency"`
	Stock       int       `json:"stock"`
	Active      bool      `json:"active"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
}

// Available reports whether qty units can be sold now.
func (p Product) Available(qty int) bool {
	return p.Active && qty > 0 && p.Stock >= qty
}

// InventoryLowEvent is the payload of TopicInventoryLow.
type InventoryLowEvent struct {
	ProductID string
	SKU       string
	Stock     int
}
