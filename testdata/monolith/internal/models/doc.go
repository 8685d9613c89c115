// Package models holds the shop's domain types and the event payloads and
// topics the business areas exchange over the platform bus. Every layer
// imports it; it imports nothing of the shop's own.
package models
