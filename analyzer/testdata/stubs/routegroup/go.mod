module github.com/go-pkgz/routegroup

go 1.22
