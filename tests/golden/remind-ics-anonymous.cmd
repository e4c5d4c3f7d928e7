smp-remind --clinic ../../share/examples/clinic.yaml --today 2026-11-22 --anonymous --ics - remind/clinic/c-1003.yaml remind/clinic/c-1005.yaml
