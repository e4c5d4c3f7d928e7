smp-heal -h
