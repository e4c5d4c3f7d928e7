smp-plan --help
