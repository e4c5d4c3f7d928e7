smp-remind --today 2026-11-22 remind/clinic/c-1003.yaml
