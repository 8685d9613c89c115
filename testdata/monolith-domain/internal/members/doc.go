// Package members manages library members: sign-up, profile, borrowing
// limits, and a summary of their loans and fines.
package members
