/* The multiboot2 header: tells GRUB this image is a multiboot2 kernel.
 * GRUB searches the first 32 KiB of the file for it (8-byte aligned). */

#define MB2_MAGIC 0xe85250d6
#define MB2_ARCH_I386 0

	.section .multiboot, "a"
	.balign 8
mb2_header:
	.long MB2_MAGIC
	.long MB2_ARCH_I386
	.long mb2_header_end - mb2_header
	.long -(MB2_MAGIC + MB2_ARCH_I386 + (mb2_header_end - mb2_header))
	/* module alignment tag: load modules (the initramfs) page-aligned */
	.balign 8
	.short 6, 0
	.long 8
	/* end tag */
	.balign 8
	.short 0, 0
	.long 8
mb2_header_end:
