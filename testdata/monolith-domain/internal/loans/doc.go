// Package loans lends copies to members and takes them back. It checks
// the member with the members service and the copy with the catalogue,
// and moves the copy's status in the copies table itself.
package loans
