module github.com/go-ozzo/ozzo-routing/v2

go 1.22
