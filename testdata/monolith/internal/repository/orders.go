package repository

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"sort"
	"sync"
	"time"

	"example.com/shop/internal/models"
	"example.com/shop/internal/platform"
)

// OrderRepository stores orders, their items and shopping carts.
type OrderRepository interface {
	// Create stores a new order and reserves its items' stock.
	Create(ctx context.Context, o models.Order) error
	Get(ctx context.Context, id string) (models.Order, error)
	ListByCustomer(ctx context.Context, customerID string) ([]models.Order, error)
	UpdateStatus(ctx context.Context, id string, status models.OrderStatus, at time.Time) error
	// Cancel marks an order cancelled and puts its items back in stock.
	Cancel(ctx context.Context, id string, at time.Time) error
	// PendingBefore returns the ids of orders still pending at cutoff.
	PendingBefore(ctx context.Context, cutoff time.Time) ([]string, error)

	CartByCustomer(ctx context.Context, customerID string) (models.Cart, error)
	CreateCart(ctx context.Context, c models.Cart) error
	SetCartItem(ctx context.Context, cartID string, item models.CartItem, at time.Time) error
	RemoveCartItem(ctx context.Context, cartID, productID string, at time.Time) error
	ClearCart(ctx context.Context, cartID string, at time.Time) error
}

var (
	_ OrderRepository = (*SQLOrderRepository)(nil)
	_ OrderRepository = (*MemoryOrderRepository)(nil)
)

const (
	insertOrderSQL = `INSERT INTO orders (id, customer_id, address_id, status, subtotal_cents, shipping_cents, total_cents, currency, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`
	insertOrderItemSQL = `INSERT INTO order_items (order_id, product_id, sku, name, quantity, unit_price_cents) VALUES ($1, $2, $3, $4, $5, $6)`
	// reserveStockSQL decrements the catalog's inventory row directly,
	// guarded so stock never goes negative.
	reserveStockSQL = `UPDATE inventory SET quantity = quantity - $2, updated_at = $3 WHERE product_id = $1 AND quantity >= $2`
	// releaseStockSQL puts a cancelled order's items back into inventory.
	releaseStockSQL = `UPDATE inventory SET quantity = inventory.quantity + oi.quantity, updated_at = $2
  FROM order_items oi WHERE oi.order_id = $1 AND inventory.product_id = oi.product_id`
	selectOrderWithItemsSQL = `SELECT o.id, o.customer_id, o.address_id, o.status, o.subtotal_cents, o.shipping_cents, o.total_cents,
       o.currency, o.created_at, o.updated_at, o.paid_at, o.cancelled_at,
       oi.product_id, oi.sku, oi.name, oi.quantity, oi.unit_price_cents
  FROM orders o
  JOIN order_items oi ON oi.order_id = o.id
 WHERE o.id = $1
 ORDER BY oi.sku`
)

// SQLOrderRepository is an OrderRepository over a SQL database.
type SQLOrderRepository struct {
	db *sql.DB
}

// NewSQLOrderRepository returns a repository using db.
func NewSQLOrderRepository(db *sql.DB) *SQLOrderRepository {
	return &SQLOrderRepository{db: db}
}

// Create inserts the order and its items, then reserves stock item by
// item. A reservation that finds too little stock fails the call; the
// expire-unpaid-orders job cancels what was left behind.
func (r *SQLOrderRepository) Create(ctx context.Context, o models.Order) error {
	if _, err := r.db.ExecContext(ctx, insertOrderSQL, o.ID, o.CustomerID, o.AddressID, o.Status,
		o.SubtotalCents, o.ShippingCents, o.TotalCents, o.Currency, o.CreatedAt, o.UpdatedAt); err != nil {
		return fmt.Errorf("insert order %s: %w", o.ID, err)
	}
	for _, it := range o.Items {
		if _, err := r.db.ExecContext(ctx, insertOrderItemSQL, o.ID, it.ProductID, it.SKU, it.Name, it.Quantity, it.UnitPriceCents); err != nil {
			return fmt.Errorf("insert item %s of order %s: %w", it.ProductID, o.ID, err)
		}
		res, err := r.db.ExecContext(ctx, reserveStockSQL, it.ProductID, it.Quantity, o.CreatedAt)
		if err != nil {
			return fmt.Errorf("reserve stock of %s: %w", it.ProductID, err)
		}
		if n, err := res.RowsAffected(); err == nil && n == 0 {
			return fmt.Errorf("product %s: insufficient stock: %w", it.ProductID, platform.ErrConflict)
		}
	}
	return nil
}

// Get reads an order with its items.
func (r *SQLOrderRepository) Get(ctx context.Context, id string) (models.Order, error) {
	rows, err := r.db.QueryContext(ctx, selectOrderWithItemsSQL, id)
	if err != nil {
		return models.Order{}, fmt.Errorf("read order %s: %w", id, err)
	}
	defer rows.Close()
	var o models.Order
	for rows.Next() {
		var it models.OrderItem
		var paid, cancelled sql.NullTime
		if err := rows.Scan(&o.ID, &o.CustomerID, &o.AddressID, &o.Status, &o.SubtotalCents, &o.ShippingCents,
			&o.TotalCents, &o.Currency, &o.CreatedAt, &o.UpdatedAt, &paid, &cancelled,
			&it.ProductID, &it.SKU, &it.Name, &it.Quantity, &it.UnitPriceCents); err != nil {
			return models.Order{}, fmt.Errorf("scan order %s: %w", id, err)
		}
		o.PaidAt, o.CancelledAt = timePtr(paid), timePtr(cancelled)
		it.LineTotalCents = it.UnitPriceCents * int64(it.Quantity)
		o.Items = append(o.Items, it)
	}
	if err := rows.Err(); err != nil {
		return models.Order{}, fmt.Errorf("read order %s: %w", id, err)
	}
	if o.ID == "" {
		return models.Order{}, fmt.Errorf("order %s: %w", id, platform.ErrNotFound)
	}
	return o, nil
}

// ListByCustomer reads a customer's orders, newest first, without items.
func (r *SQLOrderRepository) ListByCustomer(ctx context.Context, customerID string) ([]models.Order, error) {
	rows, err := r.db.QueryContext(ctx,
		`SELECT id, customer_id, address_id, status, subtotal_cents, shipping_cents, total_cents, currency, created_at, updated_at
		   FROM orders WHERE customer_id = $1 ORDER BY created_at DESC`, customerID)
	if err != nil {
		return nil, fmt.Errorf("list orders of %s: %w", customerID, err)
	}
	defer rows.Close()
	var out []models.Order
	for rows.Next() {
		var o models.Order
		if err := rows.Scan(&o.ID, &o.CustomerID, &o.AddressID, &o.Status, &o.SubtotalCents, &o.ShippingCents,
			&o.TotalCents, &o.Currency, &o.CreatedAt, &o.UpdatedAt); err != nil {
			return nil, fmt.Errorf("scan order: %w", err)
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// UpdateStatus moves an order to status, stamping paid_at when it is paid.
func (r *SQLOrderRepository) UpdateStatus(ctx context.Context, id string, status models.OrderStatus, at time.Time) error {
	res, err := r.db.ExecContext(ctx,
		`UPDATE orders SET status = $2, updated_at = $3, paid_at = CASE WHEN $2 = 'paid' THEN $3 ELSE paid_at END WHERE id = $1`,
		id, status, at)
	if err != nil {
		return fmt.Errorf("update order %s: %w", id, err)
	}
	return checkAffected(res, "order", id)
}

// Cancel marks the order cancelled and releases its reserved stock.
func (r *SQLOrderRepository) Cancel(ctx context.Context, id string, at time.Time) error {
	res, err := r.db.ExecContext(ctx,
		`UPDATE orders SET status = 'cancelled', cancelled_at = $2, updated_at = $2 WHERE id = $1 AND status <> 'cancelled'`, id, at)
	if err != nil {
		return fmt.Errorf("cancel order %s: %w", id, err)
	}
	if err := checkAffected(res, "order", id); err != nil {
		return err
	}
	if _, err := r.db.ExecContext(ctx, releaseStockSQL, id, at); err != nil {
		return fmt.Errorf("release stock of order %s: %w", id, err)
	}
	return nil
}

// PendingBefore reads the ids of orders created before cutoff and not paid.
func (r *SQLOrderRepository) PendingBefore(ctx context.Context, cutoff time.Time) ([]string, error) {
	rows, err := r.db.QueryContext(ctx,
		`SELECT id FROM orders WHERE status IN ('pending', 'payment_failed') AND created_at < $1 ORDER BY created_at`, cutoff)
	if err != nil {
		return nil, fmt.Errorf("list pending orders: %w", err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("scan order id: %w", err)
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// CartByCustomer reads a customer's cart and its items.
func (r *SQLOrderRepository) CartByCustomer(ctx context.Context, customerID string) (models.Cart, error) {
	rows, err := r.db.QueryContext(ctx,
		`SELECT c.id, c.customer_id, c.updated_at, ci.product_id, ci.quantity
		   FROM carts c LEFT JOIN cart_items ci ON ci.cart_id = c.id
		  WHERE c.customer_id = $1 ORDER BY ci.product_id`, customerID)
	if err != nil {
		return models.Cart{}, fmt.Errorf("read cart of %s: %w", customerID, err)
	}
	defer rows.Close()
	c := models.Cart{Items: []models.CartItem{}}
	for rows.Next() {
		var product sql.NullString
		var qty sql.NullInt64
		if err := rows.Scan(&c.ID, &c.CustomerID, &c.UpdatedAt, &product, &qty); err != nil {
			return models.Cart{}, fmt.Errorf("scan cart: %w", err)
		}
		if product.Valid {
			c.Items = append(c.Items, models.CartItem{ProductID: product.String, Quantity: int(qty.Int64)})
		}
	}
	if err := rows.Err(); err != nil {
		return models.Cart{}, fmt.Errorf("read cart of %s: %w", customerID, err)
	}
	if c.ID == "" {
		return models.Cart{}, fmt.Errorf("cart of customer %s: %w", customerID, platform.ErrNotFound)
	}
	return c, nil
}

// CreateCart inserts an empty cart unless the customer already has one.
func (r *SQLOrderRepository) CreateCart(ctx context.Context, c models.Cart) error {
	_, err := r.db.ExecContext(ctx,
		`INSERT INTO carts (id, customer_id, updated_at) VALUES ($1, $2, $3) ON CONFLICT (customer_id) DO NOTHING`,
		c.ID, c.CustomerID, c.UpdatedAt)
	if err != nil {
		return fmt.Errorf("insert cart of %s: %w", c.CustomerID, err)
	}
	return nil
}

// SetCartItem sets the quantity of a product in a cart.
func (r *SQLOrderRepository) SetCartItem(ctx context.Context, cartID string, item models.CartItem, at time.Time) error {
	if _, err := r.db.ExecContext(ctx,
		`INSERT INTO cart_items (cart_id, product_id, quantity) VALUES ($1, $2, $3)
		 ON CONFLICT (cart_id, product_id) DO UPDATE SET quantity = EXCLUDED.quantity`,
		cartID, item.ProductID, item.Quantity); err != nil {
		return fmt.Errorf("set item %s in cart %s: %w", item.ProductID, cartID, err)
	}
	return r.touchCart(ctx, cartID, at)
}

// RemoveCartItem deletes a product from a cart.
func (r *SQLOrderRepository) RemoveCartItem(ctx context.Context, cartID, productID string, at time.Time) error {
	res, err := r.db.ExecContext(ctx, `DELETE FROM cart_items WHERE cart_id = $1 AND product_id = $2`, cartID, productID)
	if err != nil {
		return fmt.Errorf("remove item %s from cart %s: %w", productID, cartID, err)
	}
	if err := checkAffected(res, "cart item", productID); err != nil {
		return err
	}
	return r.touchCart(ctx, cartID, at)
}

// ClearCart deletes every item of a cart.
func (r *SQLOrderRepository) ClearCart(ctx context.Context, cartID string, at time.Time) error {
	if _, err := r.db.ExecContext(ctx, `DELETE FROM cart_items WHERE cart_id = $1`, cartID); err != nil {
		return fmt.Errorf("clear cart %s: %w", cartID, err)
	}
	return r.touchCart(ctx, cartID, at)
}

func (r *SQLOrderRepository) touchCart(ctx context.Context, cartID string, at time.Time) error {
	if _, err := r.db.ExecContext(ctx, `UPDATE carts SET updated_at = $2 WHERE id = $1`, cartID, at); err != nil {
		return fmt.Errorf("touch cart %s: %w", cartID, err)
	}
	return nil
}

// MemoryOrderRepository is an in-memory OrderRepository. Like the SQL
// implementation it reserves and releases stock by writing the catalog's
// inventory directly.
type MemoryOrderRepository struct {
	mu      sync.RWMutex
	orders  map[string]models.Order
	carts   map[string]models.Cart // by customer id
	catalog *MemoryCatalogRepository
}

// NewMemoryOrderRepository returns an empty repository that keeps stock in
// catalog's inventory.
func NewMemoryOrderRepository(catalog *MemoryCatalogRepository) *MemoryOrderRepository {
	return &MemoryOrderRepository{
		orders:  make(map[string]models.Order),
		carts:   make(map[string]models.Cart),
		catalog: catalog,
	}
}

// Create stores the order after reserving its stock.
func (r *MemoryOrderRepository) Create(_ context.Context, o models.Order) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, ok := r.orders[o.ID]; ok {
		return fmt.Errorf("order %s: %w", o.ID, platform.ErrConflict)
	}
	if err := r.catalog.adjustStock(o.Items, -1); err != nil {
		return fmt.Errorf("reserve stock for order %s: %w", o.ID, err)
	}
	o.Items = slices.Clone(o.Items)
	r.orders[o.ID] = o
	return nil
}

// Get returns one order.
func (r *MemoryOrderRepository) Get(_ context.Context, id string) (models.Order, error) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	o, ok := r.orders[id]
	if !ok {
		return models.Order{}, fmt.Errorf("order %s: %w", id, platform.ErrNotFound)
	}
	o.Items = slices.Clone(o.Items)
	return o, nil
}

// ListByCustomer returns a customer's orders, newest first.
func (r *MemoryOrderRepository) ListByCustomer(_ context.Context, customerID string) ([]models.Order, error) {
	out := r.byCustomer(customerID)
	sort.Slice(out, func(i, j int) bool { return out[i].CreatedAt.After(out[j].CreatedAt) })
	return out, nil
}

// UpdateStatus moves an order to status.
func (r *MemoryOrderRepository) UpdateStatus(_ context.Context, id string, status models.OrderStatus, at time.Time) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	o, ok := r.orders[id]
	if !ok {
		return fmt.Errorf("order %s: %w", id, platform.ErrNotFound)
	}
	o.Status, o.UpdatedAt = status, at
	if status == models.OrderPaid {
		o.PaidAt = &at
	}
	r.orders[id] = o
	return nil
}

// Cancel marks the order cancelled and returns its items to stock.
func (r *MemoryOrderRepository) Cancel(_ context.Context, id string, at time.Time) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	o, ok := r.orders[id]
	if !ok || o.Status == models.OrderCancelled {
		return fmt.Errorf("order %s: %w", id, platform.ErrNotFound)
	}
	if err := r.catalog.adjustStock(o.Items, +1); err != nil {
		return fmt.Errorf("release stock of order %s: %w", id, err)
	}
	o.Status, o.UpdatedAt, o.CancelledAt = models.OrderCancelled, at, &at
	r.orders[id] = o
	return nil
}

// PendingBefore returns the ids of unpaid orders created before cutoff.
func (r *MemoryOrderRepository) PendingBefore(_ context.Context, cutoff time.Time) ([]string, error) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	var ids []string
	for id, o := range r.orders {
		if o.Status.Payable() && o.CreatedAt.Before(cutoff) {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	return ids, nil
}

// CartByCustomer returns a customer's cart.
func (r *MemoryOrderRepository) CartByCustomer(_ context.Context, customerID string) (models.Cart, error) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	c, ok := r.carts[customerID]
	if !ok {
		return models.Cart{}, fmt.Errorf("cart of customer %s: %w", customerID, platform.ErrNotFound)
	}
	c.Items = slices.Clone(c.Items)
	return c, nil
}

// CreateCart stores an empty cart unless the customer already has one.
func (r *MemoryOrderRepository) CreateCart(_ context.Context, c models.Cart) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, ok := r.carts[c.CustomerID]; !ok {
		c.Items = []models.CartItem{}
		r.carts[c.CustomerID] = c
	}
	return nil
}

// SetCartItem sets the quantity of a product in a cart.
func (r *MemoryOrderRepository) SetCartItem(_ context.Context, cartID string, item models.CartItem, at time.Time) error {
	return r.updateCart(cartID, at, func(c *models.Cart) error {
		for i := range c.Items {
			if c.Items[i].ProductID == item.ProductID {
				c.Items[i].Quantity = item.Quantity
				return nil
			}
		}
		c.Items = append(c.Items, item)
		sort.Slice(c.Items, func(i, j int) bool { return c.Items[i].ProductID < c.Items[j].ProductID })
		return nil
	})
}

// RemoveCartItem deletes a product from a cart.
func (r *MemoryOrderRepository) RemoveCartItem(_ context.Context, cartID, productID string, at time.Time) error {
	return r.updateCart(cartID, at, func(c *models.Cart) error {
		i := slices.IndexFunc(c.Items, func(it models.CartItem) bool { return it.ProductID == productID })
		if i < 0 {
			return fmt.Errorf("cart item %s: %w", productID, platform.ErrNotFound)
		}
		c.Items = slices.Delete(c.Items, i, i+1)
		return nil
	})
}

// ClearCart empties a cart.
func (r *MemoryOrderRepository) ClearCart(_ context.Context, cartID string, at time.Time) error {
	return r.updateCart(cartID, at, func(c *models.Cart) error {
		c.Items = []models.CartItem{}
		return nil
	})
}

// updateCart applies fn to the cart with id cartID under the lock.
func (r *MemoryOrderRepository) updateCart(cartID string, at time.Time, fn func(*models.Cart) error) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	for customer, c := range r.carts {
		if c.ID != cartID {
			continue
		}
		c.Items = slices.Clone(c.Items)
		if err := fn(&c); err != nil {
			return err
		}
		c.UpdatedAt = at
		r.carts[customer] = c
		return nil
	}
	return fmt.Errorf("cart %s: %w", cartID, platform.ErrNotFound)
}

// byCustomer returns copies of a customer's orders in no particular order.
// The in-memory customer repository reads it for customer summaries.
func (r *MemoryOrderRepository) byCustomer(customerID string) []models.Order {
	r.mu.RLock()
	defer r.mu.RUnlock()
	var out []models.Order
	for _, o := range r.orders {
		if o.CustomerID == customerID {
			o.Items = slices.Clone(o.Items)
			out = append(out, o)
		}
	}
	return out
}

// order returns one order without copying its items; other in-memory
// repositories use it to read the orders table.
func (r *MemoryOrderRepository) order(id string) (models.Order, bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	o, ok := r.orders[id]
	return o, ok
}
