SMP_LOCALEDIR=${BUILD:-../../build}/locale smp-aftercare --today 2026-11-22 -f markdown ../../share/examples/clients/c-0042.yaml
