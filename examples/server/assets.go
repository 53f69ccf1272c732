package main

import (
	"net/http"

	"github.com/myaccount-go/myaccount/blob/localdir"
)

// assetsPath is where uploaded avatars are served.
const assetsPath = "/assets"

// openAssets opens the avatar directory beside the database (<db>.avatars,
// or ./myaccount.avatars with -dsn) and mounts it at /assets/: the URLs an
// avatar upload answers are absolute, under baseURL.
func openAssets(cfg serverConfig, baseURL string, mux *http.ServeMux) (*localdir.Dir, error) {
	d, err := localdir.New(avatarDir(cfg), baseURL+assetsPath)
	if err != nil {
		return nil, err
	}
	mux.Handle(assetsPath+"/", http.StripPrefix(assetsPath, d))
	return d, nil
}
