smp-plan --today 2027-04-30 --dir plan/contra ../../share/examples/clients/c-0150.yaml
