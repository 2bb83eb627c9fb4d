//! A recording, fault-injecting proxy in front of moto (see tests/support/aws_proxy.py).
