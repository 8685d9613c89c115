package repository

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
	"sync"

	"example.com/shop/internal/models"
	"example.com/shop/internal/platform"
)

// CustomerRepository stores customers and their addresses.
type CustomerRepository interface {
	Create(ctx context.Context, c models.Customer) error
	Get(ctx context.Context, id string) (models.Customer, error)
	FindByEmail(ctx context.Context, email string) (models.Customer, error)
	List(ctx context.Context, limit int) ([]models.Customer, error)
	Update(ctx context.Context, c models.Customer) error
	AddAddress(ctx context.Context, a models.Address) error
	Addresses(ctx context.Context, customerID string) ([]models.Address, error)
	DeleteAddress(ctx context.Context, customerID, addressID string) error
	// Summary aggregates the customer's orders.
	Summary(ctx context.Context, customerID string) (models.CustomerSummary, error)
}

var (
	_ CustomerRepository = (*SQLCustomerRepository)(nil)
	_ CustomerRepository = (*MemoryCustomerRepository)(nil)
)

const (
	selectCustomerSQL = `SELECT id, email, name, created_at, updated_at FROM customers WHERE id = $1`
	selectAddressSQL  = `SELECT id, customer_id, line1, city, postal_code, country, created_at FROM addresses WHERE customer_id = $1 ORDER BY created_at`
)

// SQLCustomerRepository is a CustomerRepository over a SQL database.
type SQLCustomerRepository struct {
	db *sql.DB
}

// NewSQLCustomerRepository returns a repository using db.
func NewSQLCustomerRepository(db *sql.DB) *SQLCustomerRepository {
	return &SQLCustomerRepository{db: db}
}

// Create inserts a customer.
func (r *SQLCustomerRepository) Create(ctx context.Context, c models.Customer) error {
	_, err := r.db.ExecContext(ctx,
		`INSERT INTO customers (id, email, name, created_at, updated_at) VALUES ($1, $2, $3, $4, $5)`,
		c.ID, c.Email, c.Name, c.CreatedAt, c.UpdatedAt)
	if err != nil {
		return fmt.Errorf("insert customer %s: %w", c.ID, err)
	}
	return nil
}

// Get reads one customer.
func (r *SQLCustomerRepository) Get(ctx context.Context, id string) (models.Customer, error) {
	var c models.Customer
	err := r.db.QueryRowContext(ctx, selectCustomerSQL, id).Scan(&c.ID, &c.Email, &c.Name, &c.CreatedAt, &c.UpdatedAt)
	if err != nil {
		return models.Customer{}, notFound(err, "customer", id)
	}
	return c, nil
}

// FindByEmail reads the customer registered with email.
func (r *SQLCustomerRepository) FindByEmail(ctx context.Context, email string) (models.Customer, error) {
	var c models.Customer
	err := r.db.QueryRowContext(ctx,
		`SELECT id, email, name, created_at, updated_at FROM customers WHERE lower(email) = lower($1)`, email).
		Scan(&c.ID, &c.Email, &c.Name, &c.CreatedAt, &c.UpdatedAt)
	if err != nil {
		return models.Customer{}, notFound(err, "customer with email", email)
	}
	return c, nil
}

// List reads up to limit customers, oldest first.
func (r *SQLCustomerRepository) List(ctx context.Context, limit int) ([]models.Customer, error) {
	rows, err := r.db.QueryContext(ctx,
		`SELECT id, email, name, created_at, updated_at FROM customers ORDER BY created_at LIMIT $1`, limit)
	if err != nil {
		return nil, fmt.Errorf("list customers: %w", err)
	}
	defer rows.Close()
	var out []models.Customer
	for rows.Next() {
		var c models.Customer
		if err := rows.Scan(&c.ID, &c.Email, &c.Name, &c.CreatedAt, &c.UpdatedAt); err != nil {
			return nil, fmt.Errorf("scan customer: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// Update writes a customer's email and name.
func (r *SQLCustomerRepository) Update(ctx context.Context, c models.Customer) error {
	res, err := r.db.ExecContext(ctx,
		`UPDATE customers SET email = $2, name = $3, updated_at = $4 WHERE id = $1`,
		c.ID, c.Email, c.Name, c.UpdatedAt)
	if err != nil {
		return fmt.Errorf("update customer %s: %w", c.ID, err)
	}
	return checkAffected(res, "customer", c.ID)
}

// AddAddress inserts an address.
func (r *SQLCustomerRepository) AddAddress(ctx context.Context, a models.Address) error {
	_, err := r.db.ExecContext(ctx,
		`INSERT INTO addresses (id, customer_id, line1, city, postal_code, country, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		a.ID, a.CustomerID, a.Line1, a.City, a.PostalCode, a.Country, a.CreatedAt)
	if err != nil {
		return fmt.Errorf("insert address %s: %w", a.ID, err)
	}
	return nil
}

// Addresses reads a customer's addresses.
func (r *SQLCustomerRepository) Addresses(ctx context.Context, customerID string) ([]models.Address, error) {
	rows, err := r.db.QueryContext(ctx, selectAddressSQL, customerID)
	if err != nil {
		return nil, fmt.Errorf("list addresses of %s: %w", customerID, err)
	}
	defer rows.Close()
	var out []models.Address
	for rows.Next() {
		var a models.Address
		if err := rows.Scan(&a.ID, &a.CustomerID, &a.Line1, &a.City, &a.PostalCode, &a.Country, &a.CreatedAt); err != nil {
			return nil, fmt.Errorf("scan address: %w", err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// DeleteAddress deletes one of a customer's addresses.
func (r *SQLCustomerRepository) DeleteAddress(ctx context.Context, customerID, addressID string) error {
	res, err := r.db.ExecContext(ctx, `DELETE FROM addresses WHERE id = $1 AND customer_id = $2`, addressID, customerID)
	if err != nil {
		return fmt.Errorf("delete address %s: %w", addressID, err)
	}
	return checkAffected(res, "address", addressID)
}

// Summary aggregates the customer's orders straight from the orders table.
func (r *SQLCustomerRepository) Summary(ctx context.Context, customerID string) (models.CustomerSummary, error) {
	s := models.CustomerSummary{CustomerID: customerID}
	var last sql.NullTime
	err := r.db.QueryRowContext(ctx,
		`SELECT COUNT(*), COALESCE(SUM(total_cents), 0), MAX(created_at) FROM orders WHERE customer_id = $1 AND status <> 'cancelled'`,
		customerID).Scan(&s.OrderCount, &s.LifetimeCents, &last)
	if err != nil {
		return models.CustomerSummary{}, fmt.Errorf("summarize orders of %s: %w", customerID, err)
	}
	s.LastOrderAt = timePtr(last)
	return s, nil
}

// MemoryCustomerRepository is an in-memory CustomerRepository.
type MemoryCustomerRepository struct {
	mu        sync.RWMutex
	customers map[string]models.Customer
	addresses map[string]models.Address
	// orders backs Summary, mirroring the SQL query on the orders table.
	orders *MemoryOrderRepository
}

// NewMemoryCustomerRepository returns an empty repository that reads order
// totals from orders.
func NewMemoryCustomerRepository(orders *MemoryOrderRepository) *MemoryCustomerRepository {
	return &MemoryCustomerRepository{
		customers: make(map[string]models.Customer),
		addresses: make(map[string]models.Address),
		orders:    orders,
	}
}

// Create stores a customer.
func (r *MemoryCustomerRepository) Create(_ context.Context, c models.Customer) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, ok := r.customers[c.ID]; ok {
		return fmt.Errorf("customer %s: %w", c.ID, platform.ErrConflict)
	}
	r.customers[c.ID] = c
	return nil
}

// Get returns one customer.
func (r *MemoryCustomerRepository) Get(_ context.Context, id string) (models.Customer, error) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	c, ok := r.customers[id]
	if !ok {
		return models.Customer{}, fmt.Errorf("customer %s: %w", id, platform.ErrNotFound)
	}
	return c, nil
}

// FindByEmail returns the customer registered with email.
func (r *MemoryCustomerRepository) FindByEmail(_ context.Context, email string) (models.Customer, error) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	for _, c := range r.customers {
		if strings.EqualFold(c.Email, email) {
			return c, nil
		}
	}
	return models.Customer{}, fmt.Errorf("customer with email %s: %w", email, platform.ErrNotFound)
}

// List returns up to limit customers, oldest first.
func (r *MemoryCustomerRepository) List(_ context.Context, limit int) ([]models.Customer, error) {
	r.mu.RLock()
	out := make([]models.Customer, 0, len(r.customers))
	for _, c := range r.customers {
		out = append(out, c)
	}
	r.mu.RUnlock()
	sort.Slice(out, func(i, j int) bool {
		if !out[i].CreatedAt.Equal(out[j].CreatedAt) {
			return out[i].CreatedAt.Before(out[j].CreatedAt)
		}
		return out[i].ID < out[j].ID
	})
	if len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

// Update replaces a stored customer.
func (r *MemoryCustomerRepository) Update(_ context.Context, c models.Customer) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, ok := r.customers[c.ID]; !ok {
		return fmt.Errorf("customer %s: %w", c.ID, platform.ErrNotFound)
	}
	r.customers[c.ID] = c
	return nil
}

// AddAddress stores an address.
func (r *MemoryCustomerRepository) AddAddress(_ context.Context, a models.Address) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.addresses[a.ID] = a
	return nil
}

// Addresses returns a customer's addresses, oldest first.
func (r *MemoryCustomerRepository) Addresses(_ context.Context, customerID string) ([]models.Address, error) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	var out []models.Address
	for _, a := range r.addresses {
		if a.CustomerID == customerID {
			out = append(out, a)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// DeleteAddress removes one of a customer's addresses.
func (r *MemoryCustomerRepository) DeleteAddress(_ context.Context, customerID, addressID string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	a, ok := r.addresses[addressID]
	if !ok || a.CustomerID != customerID {
		return fmt.Errorf("address %s: %w", addressID, platform.ErrNotFound)
	}
	delete(r.addresses, addressID)
	return nil
}

// Summary aggregates the customer's orders.
func (r *MemoryCustomerRepository) Summary(_ context.Context, customerID string) (models.CustomerSummary, error) {
	s := models.CustomerSummary{CustomerID: customerID}
	for _, o := range r.orders.byCustomer(customerID) {
		if o.Status == models.OrderCancelled {
			continue
		}
		s.OrderCount++
		s.LifetimeCents += o.TotalCents
		if s.LastOrderAt == nil || o.CreatedAt.After(*s.LastOrderAt) {
			t := o.CreatedAt
			s.LastOrderAt = &t
		}
	}
	return s, nil
}

// address returns one stored address; shipping's in-memory repository uses
// it to join orders with addresses.
func (r *MemoryCustomerRepository) address(id string) (models.Address, bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	a, ok := r.addresses[id]
	return a, ok
}
