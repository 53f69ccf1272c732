package myaccount

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
)

// uploadMemory is how much of an upload is held in memory; a larger one is
// held in a temporary file, so concurrent uploads cost little memory.
const uploadMemory = 1 << 20

// upload is an uploaded file held until it is checked and stored: its
// type is known only once its end has been seen.
type upload struct {
	mem  []byte
	file *os.File
	size int64
}

// readUpload reads r to its end, refusing more than limit bytes with
// guard.file_size_exceeded as soon as limit+1 bytes were read. A read
// error is returned wrapped (an *account.Error from r stays visible).
func readUpload(r io.Reader, limit int64) (*upload, error) {
	inMemory := min(limit, uploadMemory)
	buf, err := io.ReadAll(io.LimitReader(r, inMemory+1))
	if err != nil {
		return nil, fmt.Errorf("read upload: %w", err)
	}
	if int64(len(buf)) > limit {
		return nil, ErrFileSizeExceeded
	}
	if int64(len(buf)) <= inMemory {
		return &upload{mem: buf, size: int64(len(buf))}, nil
	}
	f, err := os.CreateTemp("", "myaccount-upload-*")
	if err != nil {
		return nil, fmt.Errorf("hold upload: %w", err)
	}
	up := &upload{file: f}
	if _, err := f.Write(buf); err != nil {
		up.close()
		return nil, fmt.Errorf("hold upload: %w", err)
	}
	n, err := io.Copy(f, io.LimitReader(r, limit+1-int64(len(buf))))
	if err != nil {
		up.close()
		return nil, fmt.Errorf("read upload: %w", err)
	}
	up.size = int64(len(buf)) + n
	if up.size > limit {
		up.close()
		return nil, ErrFileSizeExceeded
	}
	return up, nil
}

// ReadAt reads the held content.
func (u *upload) ReadAt(p []byte, off int64) (int, error) {
	if u.file != nil {
		return u.file.ReadAt(p, off)
	}
	return bytes.NewReader(u.mem).ReadAt(p, off)
}

// reader reads the held content from its start.
func (u *upload) reader() io.Reader { return io.NewSectionReader(u, 0, u.size) }

// close drops the temporary file, if any.
func (u *upload) close() {
	if u.file != nil {
		name := u.file.Name()
		_ = u.file.Close()
		_ = os.Remove(name)
		u.file = nil
	}
}

// imageFormat is an image type an avatar may have.
type imageFormat struct {
	contentType string
	ext         string
}

var (
	pngSignature = []byte{0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}
	// pngEnd is the IEND chunk: no data, and its fixed CRC.
	pngEnd = []byte{0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xae, 0x42, 0x60, 0x82}
)

// sniffImage tells the type of the size bytes of r from their content
// alone: JPEG, PNG, GIF, WebP or BMP, each with its start signature and a
// valid end (JPEG's EOI marker, PNG's IEND chunk, GIF's trailer, the RIFF
// or BMP header's length equal to the file's). Anything else, SVG
// included, is refused.
func sniffImage(r io.ReaderAt, size int64) (imageFormat, bool) {
	head := make([]byte, min(size, 16))
	tail := make([]byte, min(size, int64(len(pngEnd))))
	if err := readFull(r, head, 0); err != nil {
		return imageFormat{}, false
	}
	if err := readFull(r, tail, size-int64(len(tail))); err != nil {
		return imageFormat{}, false
	}
	switch {
	case size >= 4 && bytes.HasPrefix(head, []byte{0xff, 0xd8, 0xff}) && bytes.HasSuffix(tail, []byte{0xff, 0xd9}):
		return imageFormat{"image/jpeg", "jpg"}, true
	case size >= int64(len(pngSignature)+len(pngEnd)) && bytes.HasPrefix(head, pngSignature) && bytes.Equal(tail, pngEnd):
		return imageFormat{"image/png", "png"}, true
	case size >= 14 && (bytes.HasPrefix(head, []byte("GIF87a")) || bytes.HasPrefix(head, []byte("GIF89a"))) && tail[len(tail)-1] == 0x3b:
		return imageFormat{"image/gif", "gif"}, true
	case size >= 20 && bytes.HasPrefix(head, []byte("RIFF")) && bytes.Equal(head[8:12], []byte("WEBP")) &&
		int64(binary.LittleEndian.Uint32(head[4:8]))+8 == size:
		return imageFormat{"image/webp", "webp"}, true
	case size >= 26 && bytes.HasPrefix(head, []byte("BM")) && int64(binary.LittleEndian.Uint32(head[2:6])) == size:
		return imageFormat{"image/bmp", "bmp"}, true
	}
	return imageFormat{}, false
}

// readFull fills p from r at off.
func readFull(r io.ReaderAt, p []byte, off int64) error {
	n, err := r.ReadAt(p, off)
	if n == len(p) {
		return nil
	}
	if err == nil {
		err = errors.New("short read")
	}
	return err
}
