cd remind/clinic/2019 && smp-remind --clinic ../../../../../share/examples/clinic.yaml --today 2026-11-22
