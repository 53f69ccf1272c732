package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// checkMakeable reports why the server could not make or write the file or
// folder at path (what: the flag or the role naming it, for the message): a
// folder of it that does not exist, is not a folder or is not writable. It
// creates nothing. An existing path must be writable itself, and so must
// its folder for a database (SQLite writes -wal and -shm files beside it).
func checkMakeable(what, path string) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return fmt.Errorf("%s %s: %w", what, path, err)
	}
	dir := filepath.Dir(abs)
	info, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s %s: the folder %s does not exist (create it first)", what, path, dir)
	case err != nil:
		return fmt.Errorf("%s %s: %w", what, path, err)
	case !info.IsDir():
		return fmt.Errorf("%s %s: %s is not a folder", what, path, dir)
	}
	if err := writable(dir, true); err != nil {
		return fmt.Errorf("%s %s: the folder %s is not writable by this user: %w", what, path, dir, err)
	}
	if _, err := os.Stat(abs); err == nil {
		if err := writable(abs, false); err != nil {
			return fmt.Errorf("%s %s is not writable by this user: %w", what, path, err)
		}
	}
	return nil
}
