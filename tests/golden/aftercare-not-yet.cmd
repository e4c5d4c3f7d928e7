SMP_LOCALEDIR=${BUILD:-../../build}/locale smp-aftercare --clinic ../../share/examples/clinic.yaml --today 2027-01-28 aftercare/january.yaml
