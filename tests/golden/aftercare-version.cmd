SMP_LOCALEDIR=${BUILD:-../../build}/locale smp-aftercare -V
