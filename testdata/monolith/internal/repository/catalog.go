package repository

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"sync"
	"time"

	"example.com/shop/internal/models"
	"example.com/shop/internal/platform"
)

// CatalogRepository stores categories, products, their prices and their
// stock levels.
type CatalogRepository interface {
	CreateCategory(ctx context.Context, c models.Category) error
	Categories(ctx context.Context) ([]models.Category, error)
	CreateProduct(ctx context.Context, p models.Product) error
	Product(ctx context.Context, id string) (models.Product, error)
	Products(ctx context.Context, f ProductFilter) ([]models.Product, error)
	SetPrice(ctx context.Context, productID string, cents int64, at time.Time) error
	SetStock(ctx context.Context, productID string, quantity int, at time.Time) error
}

// ProductFilter narrows a product listing.
type ProductFilter struct {
	CategoryID string
	Limit      int
	Offset     int
}

var (
	_ CatalogRepository = (*SQLCatalogRepository)(nil)
	_ CatalogRepository = (*MemoryCatalogRepository)(nil)
)

// selectProductSQL reads products with their current price and stock.
const selectProductSQL = `SELECT p.id, p.sku, p.name, p.description, p.category_id, pr.amount_cents, pr.currency,
       i.quantity, p.active, p.created_at, p.updated_at
  FROM products p
  JOIN prices pr ON pr.product_id = p.id AND pr.valid_to IS NULL
  JOIN inventory i ON i.product_id = p.id`

// SQLCatalogRepository is a CatalogRepository over a SQL database.
type SQLCatalogRepository struct {
	db *sql.DB
}

// NewSQLCatalogRepository returns a repository using db.
func NewSQLCatalogRepository(db *sql.DB) *SQLCatalogRepository {
	return &SQLCatalogRepository{db: db}
}

// CreateCategory inserts a category.
func (r *SQLCatalogRepository) CreateCategory(ctx context.Context, c models.Category) error {
	_, err := r.db.ExecContext(ctx, `INSERT INTO categories (id, name, slug, created_at) VALUES ($1, $2, $3, $4)`,
		c.ID, c.Name, c.Slug, c.CreatedAt)
	if err != nil {
		return fmt.Errorf("insert category %s: %w", c.ID, err)
	}
	return nil
}

// Categories reads every category by name.
func (r *SQLCatalogRepository) Categories(ctx context.Context) ([]models.Category, error) {
	rows, err := r.db.QueryContext(ctx, `SELECT id, name, slug, created_at FROM categories ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("list categories: %w", err)
	}
	defer rows.Close()
	var out []models.Category
	for rows.Next() {
		var c models.Category
		if err := rows.Scan(&c.ID, &c.Name, &c.Slug, &c.CreatedAt); err != nil {
			return nil, fmt.Errorf("scan category: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// CreateProduct inserts a product with its first price and stock level.
func (r *SQLCatalogRepository) CreateProduct(ctx context.Context, p models.Product) error {
	if _, err := r.db.ExecContext(ctx,
		`INSERT INTO products (id, sku, name, description, category_id, active, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
		p.ID, p.SKU, p.Name, p.Description, p.CategoryID, p.Active, p.CreatedAt, p.UpdatedAt); err != nil {
		return fmt.Errorf("insert product %s: %w", p.ID, err)
	}
	if _, err := r.db.ExecContext(ctx,
		`INSERT INTO prices (product_id, amount_cents, currency, valid_from) VALUES ($1, $2, $3, $4)`,
		p.ID, p.PriceCents, p.Currency, p.CreatedAt); err != nil {
		return fmt.Errorf("insert price of %s: %w", p.ID, err)
	}
	if _, err := r.db.ExecContext(ctx,
		`INSERT INTO inventory (product_id, quantity, updated_at) VALUES ($1, $2, $3)`,
		p.ID, p.Stock, p.CreatedAt); err != nil {
		return fmt.Errorf("insert inventory of %s: %w", p.ID, err)
	}
	return nil
}

// Product reads one product.
func (r *SQLCatalogRepository) Product(ctx context.Context, id string) (models.Product, error) {
	row := r.db.QueryRowContext(ctx, selectProductSQL+` WHERE p.id = $1`, id)
	p, err := scanProduct(row.Scan)
	if err != nil {
		return models.Product{}, notFound(err, "product", id)
	}
	return p, nil
}

// Products reads a page of products by name, optionally in one category.
func (r *SQLCatalogRepository) Products(ctx context.Context, f ProductFilter) ([]models.Product, error) {
	rows, err := r.db.QueryContext(ctx,
		selectProductSQL+` WHERE ($1 = '' OR p.category_id = $1) ORDER BY p.name LIMIT $2 OFFSET $3`,
		f.CategoryID, f.Limit, f.Offset)
	if err != nil {
		return nil, fmt.Errorf("list products: %w", err)
	}
	defer rows.Close()
	var out []models.Product
	for rows.Next() {
		p, err := scanProduct(rows.Scan)
		if err != nil {
			return nil, fmt.Errorf("scan product: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// SetPrice closes the current price and opens a new one.
func (r *SQLCatalogRepository) SetPrice(ctx context.Context, productID string, cents int64, at time.Time) error {
	res, err := r.db.ExecContext(ctx,
		`UPDATE prices SET valid_to = $2 WHERE product_id = $1 AND valid_to IS NULL`, productID, at)
	if err != nil {
		return fmt.Errorf("close price of %s: %w", productID, err)
	}
	if err := checkAffected(res, "product", productID); err != nil {
		return err
	}
	if _, err := r.db.ExecContext(ctx,
		`INSERT INTO prices (product_id, amount_cents, currency, valid_from) SELECT $1, $2, currency, $3 FROM prices WHERE product_id = $1 AND valid_to = $3`,
		productID, cents, at); err != nil {
		return fmt.Errorf("insert price of %s: %w", productID, err)
	}
	_, err = r.db.ExecContext(ctx, `UPDATE products SET updated_at = $2 WHERE id = $1`, productID, at)
	return err
}

// SetStock overwrites a product's stock level after a stock count.
func (r *SQLCatalogRepository) SetStock(ctx context.Context, productID string, quantity int, at time.Time) error {
	res, err := r.db.ExecContext(ctx,
		`UPDATE inventory SET quantity = $2, updated_at = $3 WHERE product_id = $1`, productID, quantity, at)
	if err != nil {
		return fmt.Errorf("set stock of %s: %w", productID, err)
	}
	return checkAffected(res, "product", productID)
}

// scanProduct scans a row of selectProductSQL.
func scanProduct(scan func(dest ...any) error) (models.Product, error) {
	var p models.Product
	err := scan(&p.ID, &p.SKU, &p.Name, &p.Description, &p.CategoryID, &p.PriceCents, &p.Currency,
		&p.Stock, &p.Active, &p.CreatedAt, &p.UpdatedAt)
	return p, err
}

// MemoryCatalogRepository is an in-memory CatalogRepository. Stock lives in
// its own map, the in-memory counterpart of the inventory table, which the
// in-memory order repository also writes.
type MemoryCatalogRepository struct {
	mu         sync.RWMutex
	categories map[string]models.Category
	products   map[string]models.Product
	inventory  map[string]int
}

// NewMemoryCatalogRepository returns an empty repository.
func NewMemoryCatalogRepository() *MemoryCatalogRepository {
	return &MemoryCatalogRepository{
		categories: make(map[string]models.Category),
		products:   make(map[string]models.Product),
		inventory:  make(map[string]int),
	}
}

// CreateCategory stores a category.
func (r *MemoryCatalogRepository) CreateCategory(_ context.Context, c models.Category) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, existing := range r.categories {
		if existing.Slug == c.Slug {
			return fmt.Errorf("category slug %q: %w", c.Slug, platform.ErrConflict)
		}
	}
	r.categories[c.ID] = c
	return nil
}

// Categories returns every category by name.
func (r *MemoryCatalogRepository) Categories(_ context.Context) ([]models.Category, error) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	out := make([]models.Category, 0, len(r.categories))
	for _, c := range r.categories {
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// CreateProduct stores a product and its stock level.
func (r *MemoryCatalogRepository) CreateProduct(_ context.Context, p models.Product) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, existing := range r.products {
		if existing.SKU == p.SKU {
			return fmt.Errorf("product sku %q: %w", p.SKU, platform.ErrConflict)
		}
	}
	r.products[p.ID] = p
	r.inventory[p.ID] = p.Stock
	return nil
}

// Product returns one product with its current stock.
func (r *MemoryCatalogRepository) Product(_ context.Context, id string) (models.Product, error) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	p, ok := r.products[id]
	if !ok {
		return models.Product{}, fmt.Errorf("product %s: %w", id, platform.ErrNotFound)
	}
	p.Stock = r.inventory[id]
	return p, nil
}

// Products returns a page of products by name.
func (r *MemoryCatalogRepository) Products(_ context.Context, f ProductFilter) ([]models.Product, error) {
	r.mu.RLock()
	var out []models.Product
	for id, p := range r.products {
		if f.CategoryID == "" || p.CategoryID == f.CategoryID {
			p.Stock = r.inventory[id]
			out = append(out, p)
		}
	}
	r.mu.RUnlock()
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	if f.Offset >= len(out) {
		return []models.Product{}, nil
	}
	out = out[f.Offset:]
	if f.Limit > 0 && len(out) > f.Limit {
		out = out[:f.Limit]
	}
	return out, nil
}

// SetPrice changes a product's price.
func (r *MemoryCatalogRepository) SetPrice(_ context.Context, productID string, cents int64, at time.Time) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	p, ok := r.products[productID]
	if !ok {
		return fmt.Errorf("product %s: %w", productID, platform.ErrNotFound)
	}
	p.PriceCents, p.UpdatedAt = cents, at
	r.products[productID] = p
	return nil
}

// SetStock overwrites a product's stock level.
func (r *MemoryCatalogRepository) SetStock(_ context.Context, productID string, quantity int, at time.Time) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	p, ok := r.products[productID]
	if !ok {
		return fmt.Errorf("product %s: %w", productID, platform.ErrNotFound)
	}
	p.UpdatedAt = at
	r.products[productID] = p
	r.inventory[productID] = quantity
	return nil
}

// adjustStock adds delta to the stock of each item's product, all or
// nothing. The in-memory order repository calls it when it reserves or
// releases stock, as the SQL one updates the inventory table.
func (r *MemoryCatalogRepository) adjustStock(items []models.OrderItem, sign int) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, it := range items {
		if r.inventory[it.ProductID]+sign*it.Quantity < 0 {
			return fmt.Errorf("product %s: insufficient stock: %w", it.ProductID, platform.ErrConflict)
		}
	}
	for _, it := range items {
		r.inventory[it.ProductID] += sign * it.Quantity
	}
	return nil
}
