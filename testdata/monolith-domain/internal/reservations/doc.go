// Package reservations keeps members' holds on titles. When a copy comes
// back it puts the copy on hold for the first member in line, writing the
// copies table itself.
package reservations
