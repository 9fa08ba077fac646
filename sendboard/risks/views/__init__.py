"""The risk register pages: the register and its summary, and each risk."""
