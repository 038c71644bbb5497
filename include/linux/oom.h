/* The OOM killer (mm/oom_kill.c): when reclaim cannot free memory, kill the
 * process with the largest RSS so that the rest of the system goes on. */
#ifndef _LINUX_OOM_H
#define _LINUX_OOM_H

#include <linux/types.h>

bool out_of_memory(gfp_t gfp, unsigned int order);

#endif
