#!/usr/bin/env python
from sendboard.cli import main

if __name__ == "__main__":
    main()
