module example.org/webfw

go 1.22
