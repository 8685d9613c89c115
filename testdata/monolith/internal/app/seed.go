package app

import (
	"context"
	"fmt"
	"time"

	"example.com/shop/internal/models"
	"example.com/shop/internal/repository"
)

// memoryStore holds the in-memory repositories, which reference each other
// where one area's code reads or writes another area's records.
type memoryStore struct {
	customers *repository.MemoryCustomerRepository
	catalog   *repository.MemoryCatalogRepository
	orders    *repository.MemoryOrderRepository
	payments  *repository.MemoryPaymentRepository
	shipments *repository.MemoryShipmentRepository
}

// memoryRepositories returns empty in-memory storage.
func memoryRepositories() memoryStore {
	catalog := repository.NewMemoryCatalogRepository()
	orders := repository.NewMemoryOrderRepository(catalog)
	customers := repository.NewMemoryCustomerRepository(orders)
	return memoryStore{
		customers: customers,
		catalog:   catalog,
		orders:    orders,
		payments:  repository.NewMemoryPaymentRepository(orders),
		shipments: repository.NewMemoryShipmentRepository(orders, customers),
	}
}

// repositories returns the store as the repository interfaces.
func (m memoryStore) repositories() repositories {
	return repositories{customers: m.customers, catalog: m.catalog, orders: m.orders, payments: m.payments, shipments: m.shipments}
}

// seed loads sample categories, products and customers with fixed ids, so
// that the shop can be tried with curl straight away.
func seed(ctx context.Context, now time.Time, m memoryStore) error {
	categories := []models.Category{
		{ID: "cat_coffee", Name: "Coffee", Slug: "coffee"},
		{ID: "cat_brewing", Name: "Brewing gear", Slug: "brewing-gear"},
		{ID: "cat_accessories", Name: "Accessories", Slug: "accessories"},
	}
	for _, c := range categories {
		c.CreatedAt = now
		if err := m.catalog.CreateCategory(ctx, c); err != nil {
			return fmt.Errorf("category %s: %w", c.ID, err)
		}
	}
	products := []models.Product{
		{ID: "prd_espresso", SKU: "COF-ESP-1KG", Name: "Espresso beans 1 kg", Description: "Dark roast, chocolate and hazelnut", CategoryID: "cat_coffee", PriceCents: 2490, Stock: 120},
		{ID: "prd_filter", SKU: "COF-FIL-500", Name: "Filter roast 500 g", Description: "Light roast, berries and citrus", CategoryID: "cat_coffee", PriceCents: 1290, Stock: 80},
		{ID: "prd_kettle", SKU: "BRW-KTL-GN", Name: "Gooseneck kettle", Description: "Stainless steel pour-over kettle, 1 litre", CategoryID: "cat_brewing", PriceCents: 5900, Stock: 15},
		{ID: "prd_grinder", SKU: "BRW-GRD-BURR", Name: "Burr grinder", Description: "Conical burr grinder with 40 settings", CategoryID: "cat_brewing", PriceCents: 14900, Stock: 4},
		{ID: "prd_dripper", SKU: "BRW-DRP-CER", Name: "Ceramic dripper", Description: "Pour-over dripper for paper filters", CategoryID: "cat_brewing", PriceCents: 2400, Stock: 40},
		{ID: "prd_filters", SKU: "ACC-FLT-100", Name: "Paper filters (100)", Description: "Unbleached paper filters for the ceramic dripper", CategoryID: "cat_accessories", PriceCents: 650, Stock: 300},
	}
	for _, p := range products {
		p.Currency, p.Active, p.CreatedAt, p.UpdatedAt = "EUR", true, now, now
		if err := m.catalog.CreateProduct(ctx, p); err != nil {
			return fmt.Errorf("product %s: %w", p.ID, err)
		}
	}
	customers := []struct {
		customer models.Customer
		address  models.Address
	}{
		{
			models.Customer{ID: "cus_ada", Email: "ada@example.com", Name: "Ada Lovelace"},
			models.Address{ID: "adr_ada_home", Line1: "12 Analytical Row", City: "London", PostalCode: "N1 9GU", Country: "GB"},
		},
		{
			models.Customer{ID: "cus_grace", Email: "grace@example.com", Name: "Grace Hopper"},
			models.Address{ID: "adr_grace_home", Line1: "1 Compiler Way", City: "Arlington", PostalCode: "22201", Country: "US"},
		},
	}
	for _, c := range customers {
		c.customer.CreatedAt, c.customer.UpdatedAt = now, now
		if err := m.customers.Create(ctx, c.customer); err != nil {
			return fmt.Errorf("customer %s: %w", c.customer.ID, err)
		}
		c.address.CustomerID, c.address.CreatedAt = c.customer.ID, now
		if err := m.customers.AddAddress(ctx, c.address); err != nil {
			return fmt.Errorf("address %s: %w", c.address.ID, err)
		}
	}
	return nil
}
