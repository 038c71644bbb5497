/* The two cascaded 8259 interrupt controllers: the timer (IRQ 0) and the
 * serial port (IRQ 4) come through them. Remapped to vectors 32-47 so they
 * do not collide with CPU exceptions. */
#include <linux/kernel.h>
#include <asm/io.h>
#include <asm/irq.h>

#define PIC1_CMD 0x20
#define PIC1_DATA 0x21
#define PIC2_CMD 0xa0
#define PIC2_DATA 0xa1
#define PIC_EOI 0x20

static irq_handler_t irq_handlers[NR_IRQS];
static u16 irq_mask = 0xfffb;	/* all masked but the cascade (IRQ 2) */

static void pic_write_mask(void)
{
	outb(irq_mask & 0xff, PIC1_DATA);
	outb(irq_mask >> 8, PIC2_DATA);
}

void init_IRQ(void)
{
	outb(0x11, PIC1_CMD);		/* ICW1: initialize, expect ICW4 */
	io_delay();
	outb(0x11, PIC2_CMD);
	io_delay();
	outb(IRQ_BASE_VECTOR, PIC1_DATA);	/* ICW2: vector offsets */
	io_delay();
	outb(IRQ_BASE_VECTOR + 8, PIC2_DATA);
	io_delay();
	outb(4, PIC1_DATA);		/* ICW3: slave on IRQ 2 */
	io_delay();
	outb(2, PIC2_DATA);
	io_delay();
	outb(1, PIC1_DATA);		/* ICW4: 8086 mode */
	io_delay();
	outb(1, PIC2_DATA);
	io_delay();
	pic_write_mask();
}

/* Route irq to handler and unmask it. */
void request_irq(int irq, irq_handler_t handler)
{
	irq_handlers[irq] = handler;
	irq_mask &= ~(1u << irq);
	pic_write_mask();
}

/* Called from do_trap with interrupts off. The end-of-interrupt goes first:
 * the handler may switch tasks (the timer does) and come back much later. */
void do_IRQ(int irq)
{
	if (irq >= 8)
		outb(PIC_EOI, PIC2_CMD);
	outb(PIC_EOI, PIC1_CMD);
	if (irq_handlers[irq])
		irq_handlers[irq](irq);
}
