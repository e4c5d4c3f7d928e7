SMP_LOCALEDIR=${BUILD:-../../build}/locale smp-aftercare --clinic ../../share/examples/clinic.yaml --today 2026-12-02 -f markdown aftercare/sessions.yaml
