package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// -h explains every flag and every environment variable the server reads.
func TestUsageExplainsEveryFlagAndVariable(t *testing.T) {
	var out bytes.Buffer
	if status := serve([]string{"-h"}, &out, &out); status != 0 {
		t.Fatalf("-h: exit status %d", status)
	}
	help := out.String()
	var cfg serverConfig
	newFlagSet(&cfg).VisitAll(func(f *flag.Flag) {
		if !strings.Contains(help, "  -"+f.Name+" ") && !strings.Contains(help, "  -"+f.Name+"\n") {
			t.Errorf("-h does not list -%s", f.Name)
		}
		if len(f.Usage) < 10 {
			t.Errorf("-%s has no real usage text: %q", f.Name, f.Usage)
		}
	})
	names := []string{}
	for _, v := range envVars {
		names = append(names, v.name)
		if !strings.Contains(help, v.name) {
			t.Errorf("-h does not name %s", v.name)
		}
	}
	// Every MYACCOUNT_ variable the code names is in the list.
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	named := regexp.MustCompile(`"(MYACCOUNT_[A-Z_]+)"`)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range named.FindAllStringSubmatch(string(src), -1) {
			if !slices.Contains(names, m[1]) {
				t.Errorf("%s reads %s, which -h does not explain", f, m[1])
			}
		}
	}
}

func TestBadFlagsExitWithStatus2(t *testing.T) {
	var out bytes.Buffer
	for _, args := range [][]string{{"-no-such-flag"}, {"-shutdown-grace", "soon"}, {"extra"}, {"-log-format", "xml"}} {
		if status := serve(args, &out, &out); status != 2 {
			t.Errorf("%q: exit status %d, want 2", args, status)
		}
	}
}
