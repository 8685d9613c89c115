package models

import "time"

// TopicCustomerRegistered is published when a new customer signs up.
const TopicCustomerRegistered = "customer.registered"

// Customer is a registered shopper.
type Customer struct {
	ID        string    `json:"id"`
	Email     string    `json:"email"`
	Name      string    `json:"name"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Address is a postal address a customer ships orders to.
type Address struct {
	ID         string    `json:"id"`
	CustomerID string    `json:"customer_id"`
	Line1      string    `json:"line1"`
	City       string    `json:"city"`
	PostalCode string    `json:"postal_code"`
	Country    string    `json:"country"`
	CreatedAt  time.Time `json:"created_at"`
}

// CustomerSummary aggregates a customer's order history.
type CustomerSummary struct {
	CustomerID    string     `json:"customer_id"`
	OrderCount    int        `json:"order_count"`
	LifetimeCents int64      `json:"lifetime_cents"`
	LastOrderAt   *time.Time `json:"last_order_at,omitempty"`
}

// CustomerRegisteredEvent is the payload of TopicCustomerRegistered.
type CustomerRegisteredEvent struct {
	CustomerID string
	Email      string
}
