smp-remind --clinic ../../share/examples/clinic.yaml --today 2026-11-22 --anonymous -f json remind/clinic/c-1014.yaml remind/clinic/c-1003.yaml
