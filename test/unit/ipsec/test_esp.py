#!/usr/bin/python3
# SPDX-License-Identifier: BSD-3-Clause
"""ESP between the home agent and a mobile node, checked with independent
implementations: lib/ipsec + the control-thread glue of ha-router + the
signalling control plane, run by esp-harness, against

  - known answers: the RFC 3602 / RFC 2404 / RFC 4868 / GCM (McGrew-Viega)
    vectors first check the oracle (python3-cryptography), then the oracle
    takes apart, with the RFC keys, the ESP packets the project emits;
  - Scapy's scapy.layers.ipsec, both ways (a Scapy-encrypted BU is accepted,
    the BA is decrypted by Scapy), for every transform;
  - tshark's ESP dissector with decryption and ICV check (esp.icv_good);
  - conformance: BU without ESP, BU under another HoA's SA, replayed BU,
    tampered ICV; HoTI/HoT in tunnel mode (SEC-4, SEC-6).

Run with Debian's Scapy: /usr/bin/python3 test_esp.py --harness PATH [unittest args]
"""
import hashlib
import hmac
import json
import logging
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import unittest

logging.getLogger("scapy.runtime").setLevel(logging.ERROR)
try:
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    from scapy.all import Ether, raw, wrpcap, rdpcap
    from scapy.layers.inet6 import (HAO, IPv6, IPv6ExtHdrDestOpt, IPv6ExtHdrRouting,
                                    MIP6MH_BA, MIP6MH_BU, MIP6MH_HoT, MIP6MH_HoTI, in6_chksum)
    from scapy.layers.ipsec import ESP, SecurityAssociation
except ImportError as e:  # pragma: no cover
    print("skip: %s" % e)
    sys.exit(77)

try:
    from cryptography.hazmat.decrepit.ciphers.algorithms import TripleDES
except ImportError:
    TripleDES = algorithms.TripleDES

HARNESS = os.environ.get("ESP_HARNESS", "")
HA, HOA, COA, COA2 = "2001:db8:1::1", "2001:db8:1::100", "2001:db8:2::100", "2001:db8:2::200"
HOA2, CN = "2001:db8:1::101", "2001:db8:3::10"
MH = 135

# transform -> (Scapy crypt, Scapy auth, enc key, auth key, ICV octets, tshark names)
K16 = bytes.fromhex("06a9214036b8a15b512e03d534120006")              # RFC 3602 case 1
K32 = bytes.fromhex("c286696d887c9aa0611bbb3e2025a45a562ead4f1e2b7a1f5b6cd1e2b0a4c6d2")
K24 = bytes.fromhex("0123456789abcdef23456789abcdef01456789abcdef0123")
H20 = b"\x0b" * 20                                                    # RFC 2404 case 1
H32 = b"\x0b" * 32                                                    # RFC 4868 AUTH256-1
G20 = bytes(16) + bytes.fromhex("cafebabe")                           # GCM test case 2 key + salt
ALGS = {
    "aes-128-gcm": ("AES-GCM", "NULL", G20, b"", 16,
                    "AES-GCM with 16 octet ICV [RFC4106]", "NULL"),
    "aes-128-cbc-hmac-sha1-96": ("AES-CBC", "HMAC-SHA1-96", K16, H20, 12,
                                 "AES-CBC [RFC3602]", "HMAC-SHA-1-96 [RFC2404]"),
    "aes-256-cbc-hmac-sha256-128": ("AES-CBC", "SHA2-256-128", K32, H32, 16,
                                    "AES-CBC [RFC3602]", "HMAC-SHA-256-128 [RFC4868]"),
    "3des-cbc-hmac-sha1-96": ("3DES", "HMAC-SHA1-96", K24, H20, 12,
                              "TripleDES-CBC [RFC2451]", "HMAC-SHA-1-96 [RFC2404]"),
    "null-hmac-sha1-96": ("NULL", "HMAC-SHA1-96", b"", H20, 12,
                          "NULL", "HMAC-SHA-1-96 [RFC2404]"),
    "aes-128-cbc-hmac-sha256-128": ("AES-CBC", "SHA2-256-128", K16, H32, 16,
                                    "AES-CBC [RFC3602]", "HMAC-SHA-256-128 [RFC4868]"),
}
SPI_IN, SPI_OUT = 0x1001, 0x2002


def scapy_sa(alg, spi, tunnel=None, seq=1):
    c, a, ek, ak = ALGS[alg][:4]
    kw = dict(spi=spi, crypt_algo=c, crypt_key=ek or None, auth_algo=a, auth_key=ak or None,
              seq_num=seq)
    if tunnel is not None:
        kw["tunnel_header"] = tunnel
    return SecurityAssociation(ESP, **kw)


def sa_line(direction, spi, alg, hoa=HOA, traffic="signalling"):
    ek, ak = ALGS[alg][2], ALGS[alg][3]
    return "sa %s %d %s %s %s %s %s" % (direction, spi, traffic, alg, hoa,
                                        ek.hex() or "-", ak.hex() or "-")


def home_bu(seq, hoa=HOA, coa=COA, lifetime=100):
    """BU from away: IPv6(CoA -> HA) | DO(HAO) | MH, checksum over the HoA."""
    bu = MIP6MH_BU(seq=seq, flags="HA", mhtime=lifetime)   # K stays 0 (manual keys)
    pkt = IPv6(src=coa, dst=HA) / IPv6ExtHdrDestOpt(options=[HAO(hoa=hoa)]) / bu
    mh = raw(pkt[MIP6MH_BU])
    mh = mh[:4] + b"\0\0" + mh[6:]
    ck = in6_chksum(MH, IPv6(src=hoa, dst=HA), mh)
    pkt[MIP6MH_BU].cksum = ck
    return IPv6(raw(pkt))


def frames(pkts):
    return [Ether(src="02:00:00:00:02:01", dst="02:00:00:00:01:01") / p for p in pkts]


class Harness:
    """Runs esp-harness on a script in a temporary directory."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="esp-")
        self.n = 0

    def close(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def pcap(self, pkts):
        self.n += 1
        path = os.path.join(self.dir, "in%d.pcap" % self.n)
        wrpcap(path, frames(pkts))
        return path

    def run(self, lines):
        script = os.path.join(self.dir, "script")
        out = os.path.join(self.dir, "out.pcap")
        if os.path.exists(out):
            os.unlink(out)
        with open(script, "w") as f:
            f.write("\n".join(lines) + "\n")
        env = dict(os.environ, HAC_PCAP=out)
        r = subprocess.run([HARNESS, script], env=env, capture_output=True, text=True,
                           timeout=60)
        if r.returncode != 0:
            raise AssertionError("harness failed %d: %s %s" % (r.returncode, r.stdout, r.stderr))
        js = [json.loads(x) for x in r.stdout.splitlines() if x.startswith("{")]
        sent = [Ether(raw(p))[IPv6] for p in rdpcap(out)] if os.path.exists(out) else []
        return js, sent, out


def stats(js):
    return [j for j in js if "ipsec_in_ok" in j][-1]


def esp_parts(pkt):
    """(ESP bytes, the IPv6 source, the final destination) of an emitted packet."""
    dst = pkt[IPv6ExtHdrRouting].addresses[0] if IPv6ExtHdrRouting in pkt else pkt.dst
    return raw(pkt[ESP]), pkt.src, dst


class EspTestBase(unittest.TestCase):
    def setUp(self):
        self.h = Harness()

    def tearDown(self):
        self.h.close()

    def register(self, alg, extra=(), bus=None, require=1):
        """SAs for HOA (in SPI_IN, out SPI_OUT) and a BU encrypted by Scapy."""
        sa = scapy_sa(alg, SPI_IN)
        bus = bus if bus is not None else [sa.encrypt(home_bu(1))]
        lines = ["require-ipsec %d" % require, sa_line("in", SPI_IN, alg),
                 sa_line("out", SPI_OUT, alg)] + list(extra) + \
            ["start", "rx " + self.h.pcap(bus), "stats", "binding " + HOA]
        return self.h.run(lines)


class KnownAnswerTests(EspTestBase):
    """RFC vectors check the oracle; the oracle then checks the project's ESP."""

    def test_oracle_rfc_vectors(self):
        # RFC 3602 case 1 (AES-128-CBC)
        iv = bytes.fromhex("3dafba429d9eb430b422da802c9fac41")
        e = Cipher(algorithms.AES(K16), modes.CBC(iv)).encryptor()
        self.assertEqual((e.update(b"Single block msg") + e.finalize()).hex(),
                         "e353779c1079aeb82708942dbe77181a")
        # RFC 2404 test case 1 (HMAC-SHA1-96)
        self.assertEqual(hmac.new(H20, b"Hi There", hashlib.sha1).digest()[:12].hex(),
                         "b617318655057264e28bc0b6")
        # RFC 4868 AUTH256-1 (HMAC-SHA-256-128)
        self.assertEqual(hmac.new(H32, b"Hi There", hashlib.sha256).digest()[:16].hex(),
                         "198a607eb44bfbc69903a0f1cf2bbdc5")
        # GCM spec (McGrew-Viega) test case 2, the AES-GCM of RFC 4106
        ct = AESGCM(bytes(16)).encrypt(bytes(12), bytes(16), b"")
        self.assertEqual(ct.hex(), "0388dace60b6a392f328c2b971b2fe78"
                                   "ab6e47d42cec13bdf53a67b21257bddf")

    def oracle_open(self, alg, esp, src, dst):
        """Verify and decrypt ESP bytes with the oracle; return (next header, payload)."""
        icvn = ALGS[alg][4]
        ek, ak = ALGS[alg][2], ALGS[alg][3]
        body, icv = esp[:-icvn], esp[-icvn:]
        if alg == "aes-128-gcm":
            nonce = ek[16:] + body[8:16]
            pt = AESGCM(ek[:16]).decrypt(nonce, body[16:] + icv, body[:8])
        else:
            h = hashlib.sha1 if "sha1" in alg else hashlib.sha256
            self.assertEqual(hmac.new(ak, body, h).digest()[:icvn], icv, "%s ICV" % alg)
            if alg.startswith("null"):
                pt = body[8:]
            else:
                bs = 8 if alg.startswith("3des") else 16
                iv, ct = body[8:8 + bs], body[8 + bs:]
                self.assertEqual(len(ct) % bs, 0)
                cip = TripleDES(ek) if bs == 8 else algorithms.AES(ek)
                d = Cipher(cip, modes.CBC(iv)).decryptor()
                pt = d.update(ct) + d.finalize()
        padlen, nh = pt[-2], pt[-1]
        # RFC 4303 2.4: padding bytes 1, 2, 3, ...
        self.assertEqual(pt[-2 - padlen:-2], bytes(range(1, padlen + 1)))
        return nh, pt[:-2 - padlen]

    def test_project_esp_against_oracle_every_transform(self):
        for alg in ALGS:
            with self.subTest(alg=alg):
                js, sent, _ = self.register(alg)
                bas = [p for p in sent if p.nh == 43]
                self.assertEqual(len(bas), 1, [p.summary() for p in sent])
                esp, src, dst = esp_parts(bas[0])
                self.assertEqual(struct.unpack("!II", esp[:8]), (SPI_OUT, 1))
                nh, mh = self.oracle_open(alg, esp, src, dst)
                self.assertEqual(nh, MH)
                ba = MIP6MH_BA(mh)
                self.assertEqual((ba.mhtype, ba.status, ba.seq), (6, 0, 1))
                # BA-7: checksum with the HoA (RH2) as pseudo-header destination
                self.assertEqual(in6_chksum(MH, IPv6(src=HA, dst=HOA), mh[:4] + b"\0\0" + mh[6:]),
                                 struct.unpack("!H", mh[4:6])[0])


class ScapyInteropTests(EspTestBase):
    def test_scapy_bu_accepted_ba_decrypted_by_scapy(self):
        for alg in ALGS:
            with self.subTest(alg=alg):
                js, sent, _ = self.register(alg)
                st = stats(js)
                self.assertEqual(st["ipsec_in_ok"], 1)
                self.assertEqual(st["ipsec_out_ok"], 1)
                self.assertEqual(js[-1]["binding"]["coa"], COA)
                self.assertEqual(len(sent), 1)
                ba = sent[0]
                # BA-6: IPv6(HA -> CoA) | RH2(HoA) | ESP | MH
                self.assertEqual((ba.src, ba.dst), (HA, COA))
                rh = ba[IPv6ExtHdrRouting]
                self.assertEqual((rh.type, rh.segleft, rh.addresses), (2, 1, [HOA]))
                self.assertEqual(rh.nh, 50)
                self.assertEqual(ba[ESP].spi, SPI_OUT)
                plain = scapy_sa(alg, SPI_OUT).decrypt(IPv6(src=ba.src, dst=HOA) / ba[ESP])
                m = plain[MIP6MH_BA]
                self.assertEqual((m.status, m.seq), (0, 1))
                self.assertGreater(m.mhtime, 0)

    def test_tshark_decrypts_and_checks_icv(self):
        if shutil.which("tshark") is None:
            self.skipTest("tshark not installed")
        for alg in ("aes-128-cbc-hmac-sha1-96", "aes-256-cbc-hmac-sha256-128",
                    "null-hmac-sha1-96", "aes-128-gcm"):
            with self.subTest(alg=alg):
                _, sent, out = self.register(alg)
                ek, ak = ALGS[alg][2], ALGS[alg][3]
                # Wireshark matches the SA on the final destination (the RH2's
                # HoA), as the SEC-2 selector does
                sa = '"IPv6","%s","%s","0x%08x","%s","0x%s","%s","0x%s"' % (
                    HA, HOA, SPI_OUT, ALGS[alg][5], ek.hex(), ALGS[alg][6], ak.hex())
                r = subprocess.run(
                    ["tshark", "-r", out, "-o", "esp.enable_encryption_decode:TRUE",
                     "-o", "esp.enable_authentication_check:TRUE", "-o", "uat:esp_sa:" + sa,
                     "-T", "fields", "-e", "esp.icv_good", "-e", "mip6.mhtype",
                     "-e", "mip6.ba.status"], capture_output=True, text=True, timeout=60)
                self.assertEqual(r.returncode, 0, r.stderr)
                # ICV good, MH type 6 (BA), status 0
                self.assertEqual(r.stdout.split(), ["1", "6", "0"], r.stdout)


class ConformanceTests(EspTestBase):
    ALG = "aes-128-cbc-hmac-sha1-96"

    def test_SEC_1_BU_8_bu_without_esp_no_ba(self):
        js, sent, _ = self.register(self.ALG, bus=[home_bu(1)])
        self.assertEqual(sent, [])
        self.assertEqual(stats(js)["hac_drop_no_ipsec"], 1)
        self.assertIsNone(js[-1]["binding"])

    def test_SEC_3_bu_under_another_hoas_sa_no_ba(self):
        # the SA of HOA2 carries a BU for HOA
        sa2 = scapy_sa(self.ALG, 0x3003)
        extra = [sa_line("in", 0x3003, self.ALG, hoa=HOA2)]
        js, sent, _ = self.register(self.ALG, extra=extra, bus=[sa2.encrypt(home_bu(1))])
        st = stats(js)
        self.assertEqual(sent, [])
        self.assertEqual(st["ipsec_in_ok"], 1)
        self.assertEqual(st["hac_drop_sa_hoa"], 1)
        self.assertIsNone(js[-1]["binding"])

    def test_SEC_8_replayed_bu_rejected(self):
        sa = scapy_sa(self.ALG, SPI_IN)
        bu = sa.encrypt(home_bu(1))
        js, sent, _ = self.register(self.ALG, bus=[bu, bu])
        st = stats(js)
        self.assertEqual(len(sent), 1)
        self.assertEqual(st["ipsec_drop_replay"], 1)
        self.assertEqual(st["bu_rx"], 1)

    def test_tampered_icv_dropped_and_counted(self):
        sa = scapy_sa(self.ALG, SPI_IN)
        bu = raw(sa.encrypt(home_bu(1)))
        bad = IPv6(bu[:-1] + bytes([bu[-1] ^ 0x80]))
        js, sent, _ = self.register(self.ALG, bus=[bad])
        st = stats(js)
        self.assertEqual(sent, [])
        self.assertEqual(st["ipsec_drop_auth"], 1)
        self.assertIsNone(js[-1]["binding"])

    def test_unknown_spi_dropped_and_counted(self):
        bu = scapy_sa(self.ALG, 0x7777).encrypt(home_bu(1))
        js, sent, _ = self.register(self.ALG, bus=[bu])
        self.assertEqual(sent, [])
        self.assertEqual(stats(js)["ipsec_drop_no_sa"], 1)


class TunnelModeTests(EspTestBase):
    """SEC-4 / SEC-6: HoTI in, HoT out, in ESP tunnel mode to the current CoA."""
    ALG = "aes-128-cbc-hmac-sha1-96"

    def tun_lines(self):
        return [sa_line("in", 0x4004, self.ALG, traffic="return-routability"),
                sa_line("out", 0x5005, self.ALG, traffic="return-routability")]

    def test_SEC_4_hoti_forwarded_hot_tunnelled_to_current_coa(self):
        sig = scapy_sa(self.ALG, SPI_IN)
        hoti = IPv6(src=HOA, dst=CN) / MIP6MH_HoTI(cookie=bytes.fromhex("1122334455667788"))
        tin = scapy_sa(self.ALG, 0x4004, tunnel=IPv6(src=COA, dst=HA))
        tin_wrong = scapy_sa(self.ALG, 0x4004, tunnel=IPv6(src=COA2, dst=HA), seq=10)
        hot = IPv6(src=CN, dst=HOA) / MIP6MH_HoT(cookie=bytes.fromhex("1122334455667788"), index=7)
        lines = ["require-ipsec 1", sa_line("in", SPI_IN, self.ALG),
                 sa_line("out", SPI_OUT, self.ALG)] + self.tun_lines() + [
            "start",
            "rx " + self.h.pcap([tin.encrypt(hoti)]),       # no binding yet: refused
            "rx " + self.h.pcap([sig.encrypt(home_bu(1))]),
            "rx " + self.h.pcap([tin_wrong.encrypt(hoti)]),  # SEC-6: not the CoA
            "rx " + self.h.pcap([tin.encrypt(hoti)]),
            "rx " + self.h.pcap([hot]),
            "rx " + self.h.pcap([sig.encrypt(home_bu(2, coa=COA2))]),  # move
            "rx " + self.h.pcap([hot]),
            "stats"]
        js, sent, _ = self.h.run(lines)
        st = stats(js)
        self.assertEqual(st["tun_refused"], 2)
        self.assertEqual(st["tun_in"], 1)
        self.assertEqual(st["tun_out"], 2)
        fwd = [p for p in sent if p.dst == CN]
        self.assertEqual(len(fwd), 1)
        self.assertEqual(raw(fwd[0][MIP6MH_HoTI]), raw(hoti[MIP6MH_HoTI]))
        self.assertEqual(fwd[0].hlim, hoti.hlim - 1)        # RT-4: forwarded as a router
        tout = [p for p in sent if p.nh == 50 and p.dst in (COA, COA2)]
        self.assertEqual([p.dst for p in tout], [COA, COA2])  # follows the BU (SEC-6)
        out_sa = scapy_sa(self.ALG, 0x5005)
        for i, p in enumerate(tout):
            self.assertEqual((p.src, p[ESP].spi, p[ESP].seq), (HA, 0x5005, i + 1))
            inner = out_sa.decrypt(p).getlayer(IPv6, 2)   # IPv6 | IPv6(CN -> HoA) | HoT
            self.assertEqual(raw(inner), raw(hot))


def main():
    global HARNESS
    args = sys.argv[1:]
    if "--harness" in args:
        i = args.index("--harness")
        HARNESS = args[i + 1]
        del args[i:i + 2]
    if not HARNESS:
        print("usage: test_esp.py --harness PATH")
        return 2
    prog = unittest.main(argv=[sys.argv[0]] + args, exit=False)
    r = prog.result
    print("%d passed, %d failed, %d skipped" % (r.testsRun - len(r.failures) - len(r.errors)
                                               - len(r.skipped),
                                               len(r.failures) + len(r.errors), len(r.skipped)))
    return 0 if r.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
