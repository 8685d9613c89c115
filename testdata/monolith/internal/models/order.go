package models

import "time"

// Topics published by the orders area.
const (
	TopicOrderPlaced    = "order.placed"
	TopicOrderPaid      = "order.paid"
	TopicOrderCancelled = "order.cancelled"
)

// OrderStatus is where an order is in its life cycle.
type OrderStatus string

// Order statuses.
const (
	OrderPending       OrderStatus = "pending"
	OrderPaymentFailed OrderStatus = "payment_failed"
	OrderPaid          OrderStatus = "paid"
	OrderShipped       OrderStatus = "shipped"
	OrderDelivered     OrderStatus = "delivered"
	OrderCancelled     OrderStatus = "cancelled"
)

// Cancellable reports whether an order in this status may still be
// cancelled: anything that has not left the warehouse.
func (s OrderStatus) Cancellable() bool {
	return s == OrderPending || s == OrderPaymentFailed || s == OrderPaid
}

// Payable reports whether an order in this status may be paid.
func (s OrderStatus) Payable() bool {
	return s == OrderPending || s == OrderPaymentFailed
}

// OrderItem is one line of an order, priced when the order was placed.
type OrderItem struct {
	ProductID      string `json:"product_id"`
	SKU            string `json:"sku"`
	Name           string `json:"name"`
	Quantity       int    `json:"quantity"`
	UnitPriceCents int64  `json:"unit_price_cents"`
	LineTotalCents int64  `json:"line_total_cents"`
}

// Order is a customer's purchase.
type Order struct {
	ID            string      `json:"id"`
	CustomerID    string      `json:"customer_id"`
	AddressID     string      `json:"address_id"`
	Status        OrderStatus `json:"status"`
	Items         []OrderItem `json:"items"`
	SubtotalCents int64       `json:"subtotal_cents"`
	ShippingCents int64       `json:"shipping_cents"`
	TotalCents    int64       `json:"total_cents"`
	Currency      string      `json:"currency"`
	CreatedAt     time.Time   `json:"created_at"`
	UpdatedAt     time.Time   `json:"updated_at"`
	PaidAt        *time.Time  `json:"paid_at,omitempty"`
	CancelledAt   *time.Time  `json:"cancelled_at,omitempty"`
}

// CartItem is a product and quantity in a shopping cart.
type CartItem struct {
	ProductID string `json:"product_id"`
	Quantity  int    `json:"quantity"`
}

// Cart is a customer's shopping cart; each customer has one.
type Cart struct {
	ID         string     `json:"id"`
	CustomerID string     `json:"customer_id"`
	Items      []CartItem `json:"items"`
	UpdatedAt  time.Time  `json:"updated_at"`
}

// OrderPlacedEvent is the payload of TopicOrderPlaced.
type OrderPlacedEvent struct {
	OrderID    string
	CustomerID string
	Items      []OrderItem
	TotalCents int64
}

// OrderPaidEvent is the payload of TopicOrderPaid.
type OrderPaidEvent struct {
	OrderID   string
	PaymentID string
}

// OrderCancelledEvent is the payload of TopicOrderCancelled.
type OrderCancelledEvent struct {
	OrderID string
	Reason  string
	// WasPaid tells payments that money must be returned.
	WasPaid bool
}
