/* Hardware interrupts: the legacy 8259 PICs, remapped to vectors 32-47. */
#ifndef _ASM_IRQ_H
#define _ASM_IRQ_H

#define IRQ_BASE_VECTOR	32
#define NR_IRQS		16

typedef void (*irq_handler_t)(int irq);
void request_irq(int irq, irq_handler_t handler);
void init_IRQ(void);
void do_IRQ(int irq);

void serial_init(void);
void serial_putc(char c);
void serial_write(const char *s, unsigned long n);
void serial_enable_rx(void);
void tty_receive_char(char c);

#endif
