//! The npm build's allocator. The standard one (dlmalloc) is ~7 KB of the wasm; a call
//! here makes a few dozen short-lived allocations, which power-of-two size classes serve in
//! O(1) with no header and no search: a freed block goes on its class's list and is handed
//! out again for the next allocation of that class. Memory comes from `memory.grow` and is
//! never returned (wasm cannot shrink its memory anyway). Single-threaded: the npm build is
//! one JavaScript thread, and wasm32 without the atomics feature has no other.

use core::alloc::{GlobalAlloc, Layout};
use core::cell::UnsafeCell;
use core::ptr::null_mut;

/// Classes 8 B … 2 GiB (class `c` holds blocks of `8 << c` bytes).
const CLASSES: usize = 29;
const PAGE: usize = 65_536;

pub struct Classes {
    /// Per class, the first free block; each free block holds the address of the next.
    free: UnsafeCell<[usize; CLASSES]>,
    /// The untouched memory left: `[next, end)`.
    bump: UnsafeCell<(usize, usize)>,
}

// SAFETY: the npm build has one thread (see the module docs); nothing else shares it.
unsafe impl Sync for Classes {}

impl Classes {
    pub const fn new() -> Self {
        Self {
            free: UnsafeCell::new([0; CLASSES]),
            bump: UnsafeCell::new((0, 0)),
        }
    }
}

/// The class of `layout`: the smallest `8 << c` that holds its size and its alignment.
fn class(layout: Layout) -> Option<usize> {
    let size = layout.size().max(layout.align()).max(8);
    let class = (size.next_power_of_two().trailing_zeros() as usize).checked_sub(3)?;
    (class < CLASSES).then_some(class)
}

unsafe impl GlobalAlloc for Classes {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let Some(c) = class(layout) else {
            return null_mut();
        };
        let free = &mut *self.free.get();
        let head = free[c];
        if head != 0 {
            free[c] = *(head as *const usize);
            return head as *mut u8;
        }
        let size = 8usize << c;
        let (next, end) = &mut *self.bump.get();
        if *end == 0 {
            // The module's own memory (data, stack) is all taken: start after it.
            *end = core::arch::wasm32::memory_size(0) * PAGE;
            *next = *end;
        }
        // A block is aligned to its size (capped at a page), which covers any alignment its
        // layout asks for.
        let align = size.min(PAGE);
        let mut start = (*next + align - 1) & !(align - 1);
        if start + size > *end {
            let pages = (start + size - *end).div_ceil(PAGE);
            let grown = core::arch::wasm32::memory_grow(0, pages);
            if grown == usize::MAX {
                return null_mut();
            }
            if grown * PAGE != *end {
                // Something else grew the memory: start over in what was just added, which
                // may be too small for this block, so add what it needs.
                let more = size.div_ceil(PAGE);
                let at = core::arch::wasm32::memory_grow(0, more);
                if at == usize::MAX {
                    return null_mut();
                }
                start = at * PAGE;
                *end = start + more * PAGE;
            } else {
                *end += pages * PAGE;
            }
        }
        *next = start + size;
        start as *mut u8
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if let Some(c) = class(layout) {
            let free = &mut *self.free.get();
            *(ptr as *mut usize) = free[c];
            free[c] = ptr as usize;
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let new = Layout::from_size_align_unchecked(new_size, layout.align());
        // Still the same class: the block already has room.
        if class(new).is_some() && class(new) == class(layout) {
            return ptr;
        }
        let out = self.alloc(new);
        if !out.is_null() {
            core::ptr::copy_nonoverlapping(ptr, out, layout.size().min(new_size));
            self.dealloc(ptr, layout);
        }
        out
    }
}
