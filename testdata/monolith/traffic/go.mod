module example.com/shop/traffic

go 1.22
