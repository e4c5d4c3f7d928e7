smp-heal -V
