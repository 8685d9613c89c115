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

// ShipmentRepository stores shipments and their tracking events.
type ShipmentRepository interface {
	Create(ctx context.Context, s models.Shipment) error
	Get(ctx context.Context, id string) (models.Shipment, error)
	ByOrder(ctx context.Context, orderID string) (models.Shipment, error)
	Update(ctx context.Context, s models.Shipment) error
	AddEvent(ctx context.Context, e models.TrackingEvent) error
	Events(ctx context.Context, shipmentID string) ([]models.TrackingEvent, error)
	// InTransitBefore returns dispatched or in-transit shipments last
	// updated before cutoff.
	InTransitBefore(ctx context.Context, cutoff time.Time) ([]models.Shipment, error)
	// ShippableOrder reads an order and its delivery address.
	ShippableOrder(ctx context.Context, orderID string) (models.ShippableOrder, error)
}

var (
	_ ShipmentRepository = (*SQLShipmentRepository)(nil)
	_ ShipmentRepository = (*MemoryShipmentRepository)(nil)
)

const (
	shipmentColumns = `id, order_id, customer_id, status, carrier, tracking_number, ship_line1, ship_city, ship_postal_code,
       ship_country, created_at, updated_at, dispatched_at, delivered_at`
	// shippableOrderSQL reads the orders and addresses tables, which belong
	// to the orders and customers areas.
	shippableOrderSQL = `SELECT o.id, o.customer_id, o.status, a.id, a.line1, a.city, a.postal_code, a.country
  FROM orders o
  JOIN addresses a ON a.id = o.address_id
 WHERE o.id = $1`
)

// SQLShipmentRepository is a ShipmentRepository over a SQL database.
type SQLShipmentRepository struct {
	db *sql.DB
}

// NewSQLShipmentRepository returns a repository using db.
func NewSQLShipmentRepository(db *sql.DB) *SQLShipmentRepository {
	return &SQLShipmentRepository{db: db}
}

// Create inserts a shipment.
func (r *SQLShipmentRepository) Create(ctx context.Context, s models.Shipment) error {
	_, err := r.db.ExecContext(ctx,
		`INSERT INTO shipments (id, order_id, customer_id, status, carrier, tracking_number, ship_line1, ship_city, ship_postal_code, ship_country, created_at, updated_at)
		 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
		s.ID, s.OrderID, s.CustomerID, s.Status, s.Carrier, s.TrackingNumber,
		s.ShipTo.Line1, s.ShipTo.City, s.ShipTo.PostalCode, s.ShipTo.Country, s.CreatedAt, s.UpdatedAt)
	if err != nil {
		return fmt.Errorf("insert shipment %s: %w", s.ID, err)
	}
	return nil
}

// Get reads one shipment.
func (r *SQLShipmentRepository) Get(ctx context.Context, id string) (models.Shipment, error) {
	s, err := scanShipment(r.db.QueryRowContext(ctx, `SELECT `+shipmentColumns+` FROM shipments WHERE id = $1`, id).Scan)
	if err != nil {
		return models.Shipment{}, notFound(err, "shipment", id)
	}
	return s, nil
}

// ByOrder reads the shipment of an order.
func (r *SQLShipmentRepository) ByOrder(ctx context.Context, orderID string) (models.Shipment, error) {
	s, err := scanShipment(r.db.QueryRowContext(ctx, `SELECT `+shipmentColumns+` FROM shipments WHERE order_id = $1`, orderID).Scan)
	if err != nil {
		return models.Shipment{}, notFound(err, "shipment of order", orderID)
	}
	return s, nil
}

// Update writes a shipment's status, carrier and timestamps.
func (r *SQLShipmentRepository) Update(ctx context.Context, s models.Shipment) error {
	res, err := r.db.ExecContext(ctx,
		`UPDATE shipments SET status = $2, carrier = $3, tracking_number = $4, updated_at = $5, dispatched_at = $6, delivered_at = $7 WHERE id = $1`,
		s.ID, s.Status, s.Carrier, s.TrackingNumber, s.UpdatedAt, s.DispatchedAt, s.DeliveredAt)
	if err != nil {
		return fmt.Errorf("update shipment %s: %w", s.ID, err)
	}
	return checkAffected(res, "shipment", s.ID)
}

// AddEvent appends a tracking event.
func (r *SQLShipmentRepository) AddEvent(ctx context.Context, e models.TrackingEvent) error {
	_, err := r.db.ExecContext(ctx,
		`INSERT INTO shipment_events (shipment_id, status, note, occurred_at) VALUES ($1, $2, $3, $4)`,
		e.ShipmentID, e.Status, e.Note, e.OccurredAt)
	if err != nil {
		return fmt.Errorf("insert event of shipment %s: %w", e.ShipmentID, err)
	}
	return nil
}

// Events reads a shipment's tracking events in order.
func (r *SQLShipmentRepository) Events(ctx context.Context, shipmentID string) ([]models.TrackingEvent, error) {
	rows, err := r.db.QueryContext(ctx,
		`SELECT shipment_id, status, note, occurred_at FROM shipment_events WHERE shipment_id = $1 ORDER BY occurred_at, id`, shipmentID)
	if err != nil {
		return nil, fmt.Errorf("list events of shipment %s: %w", shipmentID, err)
	}
	defer rows.Close()
	var out []models.TrackingEvent
	for rows.Next() {
		var e models.TrackingEvent
		if err := rows.Scan(&e.ShipmentID, &e.Status, &e.Note, &e.OccurredAt); err != nil {
			return nil, fmt.Errorf("scan shipment event: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// InTransitBefore reads shipments on their way and not updated since cutoff.
func (r *SQLShipmentRepository) InTransitBefore(ctx context.Context, cutoff time.Time) ([]models.Shipment, error) {
	rows, err := r.db.QueryContext(ctx,
		`SELECT `+shipmentColumns+` FROM shipments WHERE status IN ('dispatched', 'in_transit') AND updated_at < $1 ORDER BY updated_at`, cutoff)
	if err != nil {
		return nil, fmt.Errorf("list shipments in transit: %w", err)
	}
	defer rows.Close()
	var out []models.Shipment
	for rows.Next() {
		s, err := scanShipment(rows.Scan)
		if err != nil {
			return nil, fmt.Errorf("scan shipment: %w", err)
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// ShippableOrder reads the order and its address from the orders and
// addresses tables.
func (r *SQLShipmentRepository) ShippableOrder(ctx context.Context, orderID string) (models.ShippableOrder, error) {
	var so models.ShippableOrder
	a := &so.ShipTo
	err := r.db.QueryRowContext(ctx, shippableOrderSQL, orderID).
		Scan(&so.OrderID, &so.CustomerID, &so.Status, &a.ID, &a.Line1, &a.City, &a.PostalCode, &a.Country)
	if err != nil {
		return models.ShippableOrder{}, notFound(err, "order", orderID)
	}
	a.CustomerID = so.CustomerID
	return so, nil
}

// scanShipment scans the shipmentColumns of one row.
func scanShipment(scan func(dest ...any) error) (models.Shipment, error) {
	var s models.Shipment
	var dispatched, delivered sql.NullTime
	err := scan(&s.ID, &s.OrderID, &s.CustomerID, &s.Status, &s.Carrier, &s.TrackingNumber,
		&s.ShipTo.Line1, &s.ShipTo.City, &s.ShipTo.PostalCode, &s.ShipTo.Country,
		&s.CreatedAt, &s.UpdatedAt, &dispatched, &delivered)
	s.DispatchedAt, s.DeliveredAt = timePtr(dispatched), timePtr(delivered)
	return s, err
}

// MemoryShipmentRepository is an in-memory ShipmentRepository. It reads
// orders and addresses from the other in-memory repositories, as the SQL
// implementation joins their tables.
type MemoryShipmentRepository struct {
	mu        sync.RWMutex
	shipments map[string]models.Shipment
	events    map[string][]models.TrackingEvent
	orders    *MemoryOrderRepository
	customers *MemoryCustomerRepository
}

// NewMemoryShipmentRepository returns an empty repository.
func NewMemoryShipmentRepository(orders *MemoryOrderRepository, customers *MemoryCustomerRepository) *MemoryShipmentRepository {
	return &MemoryShipmentRepository{
		shipments: make(map[string]models.Shipment),
		events:    make(map[string][]models.TrackingEvent),
		orders:    orders,
		customers: customers,
	}
}

// Create stores a shipment; an order has at most one.
func (r *MemoryShipmentRepository) Create(_ context.Context, s models.Shipment) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, existing := range r.shipments {
		if existing.OrderID == s.OrderID {
			return fmt.Errorf("shipment for order %s: %w", s.OrderID, platform.ErrConflict)
		}
	}
	r.shipments[s.ID] = s
	return nil
}

// Get returns one shipment.
func (r *MemoryShipmentRepository) Get(_ context.Context, id string) (models.Shipment, error) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	s, ok := r.shipments[id]
	if !ok {
		return models.Shipment{}, fmt.Errorf("shipment %s: %w", id, platform.ErrNotFound)
	}
	return s, nil
}

// ByOrder returns the shipment of an order.
func (r *MemoryShipmentRepository) ByOrder(_ context.Context, orderID string) (models.Shipment, error) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	for _, s := range r.shipments {
		if s.OrderID == orderID {
			return s, nil
		}
	}
	return models.Shipment{}, fmt.Errorf("shipment of order %s: %w", orderID, platform.ErrNotFound)
}

// Update replaces a stored shipment.
func (r *MemoryShipmentRepository) Update(_ context.Context, s models.Shipment) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, ok := r.shipments[s.ID]; !ok {
		return fmt.Errorf("shipment %s: %w", s.ID, platform.ErrNotFound)
	}
	r.shipments[s.ID] = s
	return nil
}

// AddEvent appends a tracking event.
func (r *MemoryShipmentRepository) AddEvent(_ context.Context, e models.TrackingEvent) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.events[e.ShipmentID] = append(r.events[e.ShipmentID], e)
	return nil
}

// Events returns a shipment's tracking events in order.
func (r *MemoryShipmentRepository) Events(_ context.Context, shipmentID string) ([]models.TrackingEvent, error) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return slices.Clone(r.events[shipmentID]), nil
}

// InTransitBefore returns shipments on their way and not updated since cutoff.
func (r *MemoryShipmentRepository) InTransitBefore(_ context.Context, cutoff time.Time) ([]models.Shipment, error) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	var out []models.Shipment
	for _, s := range r.shipments {
		moving := s.Status == models.ShipmentDispatched || s.Status == models.ShipmentInTransit
		if moving && s.UpdatedAt.Before(cutoff) {
			out = append(out, s)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// ShippableOrder joins an order with its delivery address.
func (r *MemoryShipmentRepository) ShippableOrder(_ context.Context, orderID string) (models.ShippableOrder, error) {
	o, ok := r.orders.order(orderID)
	if !ok {
		return models.ShippableOrder{}, fmt.Errorf("order %s: %w", orderID, platform.ErrNotFound)
	}
	a, ok := r.customers.address(o.AddressID)
	if !ok {
		return models.ShippableOrder{}, fmt.Errorf("address %s of order %s: %w", o.AddressID, orderID, platform.ErrNotFound)
	}
	return models.ShippableOrder{OrderID: o.ID, CustomerID: o.CustomerID, Status: o.Status, ShipTo: a}, nil
}
