smp-remind -V
