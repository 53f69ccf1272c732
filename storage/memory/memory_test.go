package memory_test

import (
	"testing"

	"github.com/myaccount-go/myaccount/storage/memory"
	"github.com/myaccount-go/myaccount/storage/storetest"
)

func TestStore(t *testing.T) {
	storetest.Run(t, func(*testing.T) storetest.Store { return memory.New() })
}

func BenchmarkStore(b *testing.B) {
	storetest.Benchmark(b, memory.New())
}
