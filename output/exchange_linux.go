package output

import "golang.org/x/sys/unix"

// exchange swaps the directories a and b in one step (renameat2's
// RENAME_EXCHANGE): no moment has neither in place. It fails on file
// systems without the call (the caller then renames twice).
func exchange(a, b string) error {
	return unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
}
