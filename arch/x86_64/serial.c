/* The COM1 serial port (a 16550 UART at I/O port 0x3f8): the console.
 * Output polls until the transmitter is free; input arrives by interrupt
 * (IRQ 4) and is handed to the console line discipline (kernel/tty.c). */
#include <linux/kernel.h>
#include <asm/io.h>
#include <asm/irq.h>
#include <asm/processor.h>

#define COM1 0x3f8
#define UART_RBR 0	/* receive buffer */
#define UART_THR 0	/* transmit holding */
#define UART_IER 1	/* interrupt enable */
#define UART_FCR 2	/* FIFO control */
#define UART_LCR 3	/* line control */
#define UART_MCR 4	/* modem control */
#define UART_LSR 5	/* line status */
#define UART_LSR_DR   0x01	/* data ready */
#define UART_LSR_THRE 0x20	/* transmitter empty */

void serial_init(void)
{
	outb(0x00, COM1 + UART_IER);
	outb(0x80, COM1 + UART_LCR);	/* DLAB: set the divisor */
	outb(0x01, COM1 + 0);		/* 115200 baud */
	outb(0x00, COM1 + 1);
	outb(0x03, COM1 + UART_LCR);	/* 8 bits, no parity, one stop bit */
	/* FIFOs stay off: turning them on would drop input that arrived
	 * before the kernel ran (QEMU feeds piped stdin from the start) */
	outb(0x00, COM1 + UART_FCR);
	outb(0x0b, COM1 + UART_MCR);	/* DTR, RTS, OUT2 (routes the IRQ) */
}

void serial_putc(char c)
{
	while (!(inb(COM1 + UART_LSR) & UART_LSR_THRE))
		;
	outb(c, COM1 + UART_THR);
}

void serial_write(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			serial_putc('\r');
		serial_putc(s[i]);
	}
}

/* Read every waiting byte and give it to the console. */
static void serial_interrupt(int irq)
{
	while (inb(COM1 + UART_LSR) & UART_LSR_DR)
		tty_receive_char(inb(COM1 + UART_RBR));
}

void serial_enable_rx(void)
{
	request_irq(4, serial_interrupt);
	unsigned long flags;
	local_irq_save(flags);		/* drain once, without racing the IRQ */
	outb(0x01, COM1 + UART_IER);	/* interrupt on received data */
	serial_interrupt(4);		/* bytes that came before */
	local_irq_restore(flags);
}
