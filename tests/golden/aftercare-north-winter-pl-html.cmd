SMP_LOCALEDIR=${BUILD:-../../build}/locale smp-aftercare --clinic aftercare/clinic-north-pl.yaml --today 2027-01-29 -f html aftercare/january.yaml
