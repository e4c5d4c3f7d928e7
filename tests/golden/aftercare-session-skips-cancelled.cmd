SMP_LOCALEDIR=${BUILD:-../../build}/locale smp-aftercare --clinic ../../share/examples/clinic.yaml --today 2026-11-22 aftercare/sessions.yaml
