printf 'remind/clinic/c-1003.yaml\nremind/clinic/2019\n\nremind/kinds/faded.yaml\n' | smp-remind --clinic ../../share/examples/clinic.yaml --today 2026-11-22 - remind/clinic/c-1002.yaml
