package models

import "time"

// Topics published by the shipping area.
const (
	TopicShipmentDispatched = "shipment.dispatched"
	TopicShipmentDelivered  = "shipment.delivered"
)

// ShipmentStatus is where a parcel is.
type ShipmentStatus string

// Shipment statuses.
const (
	ShipmentPending    ShipmentStatus = "pending"
	ShipmentDispatched ShipmentStatus = "dispatched"
	ShipmentInTransit  ShipmentStatus = "in_transit"
	ShipmentDelivered  ShipmentStatus = "delivered"
	ShipmentCancelled  ShipmentStatus = "cancelled"
)

// Shipment is the parcel that carries a paid order to its address.
type Shipment struct {
	ID             string         `json:"id"`
	OrderID        string         `json:"order_id"`
	CustomerID     string         `json:"customer_id"`
	Status         ShipmentStatus `json:"status"`
	Carrier        string         `json:"carrier,omitempty"`
	TrackingNumber string         `json:"tracking_number,omitempty"`
	ShipTo         Address        `json:"ship_to"`
	CreatedAt      time.Time      `json:"created_at"`
	UpdatedAt      time.Time      `json:"updated_at"`
	DispatchedAt   *time.Time     `json:"dispatched_at,omitempty"`
	DeliveredAt    *time.Time     `json:"delivered_at,omitempty"`
}

// TrackingEvent is one entry of a shipment's tracking history.
type TrackingEvent struct {
	ShipmentID string         `json:"shipment_id"`
	Status     ShipmentStatus `json:"status"`
	Note       string         `json:"note"`
	OccurredAt time.Time      `json:"occurred_at"`
}

// ShippableOrder is the part of an order shipping needs: who, where and
// whether it has been paid.
type ShippableOrder struct {
	OrderID    string
	CustomerID string
	Status     OrderStatus
	ShipTo     Address
}

// ShipmentDispatchedEvent is the payload of TopicShipmentDispatched.
type ShipmentDispatchedEvent struct {
	ShipmentID     string
	OrderID        string
	Carrier        string
	TrackingNumber string
}

// ShipmentDeliveredEvent is the payload of TopicShipmentDelivered.
type ShipmentDeliveredEvent struct {
	ShipmentID string
	OrderID    string
}
