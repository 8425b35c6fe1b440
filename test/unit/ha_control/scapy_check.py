#!/usr/bin/python3
"""Cross-check Binding Acknowledgements emitted by cp/ha_control with Scapy.

Usage: scapy_check.py TEST_EXE. Runs the test program with HAC_PCAP set, then
decodes every BA with Scapy's MIP6MH_BA and checks the fields and that Scapy
computes the same Mobility Header checksum (pseudo-header destination = the
type 2 routing header's address, RFC 6275 6.1.1). Exit 77 without Scapy.
"""
import os
import subprocess
import sys
import tempfile

try:
    import logging
    logging.getLogger("scapy.runtime").setLevel(logging.ERROR)
    from scapy.layers.inet6 import IPv6, IPv6ExtHdrRouting, MIP6MH_BA
    from scapy.layers.l2 import Ether
    from scapy.utils import rdpcap
except ImportError:
    print("skip: scapy not available")
    sys.exit(77)


def main():
    with tempfile.TemporaryDirectory() as d:
        pcap = os.path.join(d, "out.pcap")
        env = dict(os.environ, HAC_PCAP=pcap)
        r = subprocess.run([sys.argv[1]], env=env, capture_output=True, text=True)
        if r.returncode != 0:
            print(r.stdout, r.stderr)
            return 1
        n = 0
        for pkt in rdpcap(pcap):
            if MIP6MH_BA not in pkt:
                continue
            ba = pkt[MIP6MH_BA]
            ip = pkt[IPv6]
            assert ba.mhtime is not None
            assert ba.len == 1, ba.len
            assert ba.res == 0 or ba.res is None
            if ba.status >= 128:
                assert ba.mhtime == 0, (ba.status, ba.mhtime)
            if IPv6ExtHdrRouting in pkt:
                rh = pkt[IPv6ExtHdrRouting]
                assert rh.type == 2 and rh.segleft == 1 and len(rh.addresses) == 1
            wire = ba.cksum
            fresh = Ether(bytes(pkt))
            del fresh[MIP6MH_BA].cksum
            redo = Ether(bytes(fresh))[MIP6MH_BA].cksum
            assert wire == redo, "checksum %04x, scapy %04x (%s -> %s)" % (wire, redo, ip.src, ip.dst)
            n += 1
        print("scapy_check: %d BAs verified" % n)
        return 0 if n >= 10 else 1


if __name__ == "__main__":
    sys.exit(main())
