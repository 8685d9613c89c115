// Package notifications tells members what happens to them: welcome,
// overdue, hold-ready and payment messages, triggered by events. It looks
// up members' email addresses in the members table directly.
package notifications
