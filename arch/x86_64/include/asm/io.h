/* Port I/O: the in/out instructions, for the serial port, PIC, PIT, exit port. */
#ifndef _ASM_IO_H
#define _ASM_IO_H

#include <linux/types.h>

static inline void outb(u8 v, u16 port) { __asm__ volatile("outb %0, %1" :: "a"(v), "Nd"(port)); }
static inline void outw(u16 v, u16 port) { __asm__ volatile("outw %0, %1" :: "a"(v), "Nd"(port)); }
static inline void outl(u32 v, u16 port) { __asm__ volatile("outl %0, %1" :: "a"(v), "Nd"(port)); }
static inline u8 inb(u16 port) { u8 v; __asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port)); return v; }
static inline void io_delay(void) { outb(0, 0x80); }

#endif
