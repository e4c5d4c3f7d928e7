smp-plan -V
