smp-remind --clinic ../../share/examples/clinic.yaml --today 2028-02-28 --days 1 -f text remind/kinds/leap-assess.yaml
