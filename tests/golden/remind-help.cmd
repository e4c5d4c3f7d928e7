smp-remind --help
