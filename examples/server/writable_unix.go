//go:build unix

package main

import "syscall"

// writable reports whether this process may write path: add files to it,
// for a folder. It asks the kernel (access(2)) and writes nothing.
func writable(path string, folder bool) error {
	const wOK, xOK = 0x2, 0x1
	mode := uint32(wOK)
	if folder {
		mode |= xOK
	}
	return syscall.Access(path, mode)
}
