SMP_LOCALEDIR=${BUILD:-../../build}/locale smp-aftercare --colour aftercare/july.yaml
