module example.com/reachbroken

go 1.22
