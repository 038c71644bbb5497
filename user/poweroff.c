/* poweroff: flush file systems and power the machine off (on thpkernel: QEMU exits).
   usage: poweroff    (needs CAP_SYS_BOOT on Linux) */
#include <stdio.h>
#include <sys/reboot.h>
#include <unistd.h>

int main(void)
{
    sync();
    if (reboot(RB_POWER_OFF) < 0) {
        perror("poweroff: reboot");
        return 1;
    }
    return 0;
}
