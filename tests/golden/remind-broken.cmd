smp-remind --clinic ../../share/examples/clinic.yaml --today 2026-11-22 remind/clinic remind/extra/broken.yaml
