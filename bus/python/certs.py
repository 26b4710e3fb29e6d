#!/usr/bin/env python3
"""certs: a throwaway PKI for the TLS/mTLS interop tests (Python `cryptography`).

    certs.py OUTDIR NAME... [--rogue NAME...]

writes into OUTDIR:
  * ca.pem                       the test CA (CN "cockpit-test-ca"), self-signed;
  * NAME.pem, NAME-key.pem       for each NAME: a certificate with CN=NAME signed by that CA, SAN
                                 DNS:localhost and IP:127.0.0.1, extended key usage serverAuth and
                                 clientAuth (one identity for listening and connecting), its
                                 ECDSA P-256 key as PKCS#8 PEM;
  * NAME.pem, NAME-key.pem       for each --rogue NAME: the same, but signed by a second CA the
                                 tests never trust (a peer "with a certificate", not a valid one).
Valid from one hour ago for two days. Keys come from the OS random source: certificates are not
reproducible and need not be, only their trust relations are.
"""

from __future__ import annotations

import argparse
import datetime
import ipaddress
import pathlib

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID


def name(cn: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def make_ca(cn: str):
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name(cn)).issuer_name(name(cn)).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(hours=1)).not_valid_after(now + datetime.timedelta(days=2))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True,
                                         content_commitment=False, key_encipherment=False, data_encipherment=False,
                                         key_agreement=False, encipher_only=False, decipher_only=False),
                           critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .sign(key, hashes.SHA256()))
    return key, cert


def make_leaf(cn: str, ca_key, ca_cert):
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name(cn)).issuer_name(ca_cert.subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(hours=1)).not_valid_after(now + datetime.timedelta(days=2))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost"),
                                                        x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                           critical=False)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH, ExtendedKeyUsageOID.CLIENT_AUTH]),
                           critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
            .sign(ca_key, hashes.SHA256()))
    return key, cert


def write(out: pathlib.Path, stem: str, key, cert) -> None:
    (out / f"{stem}.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (out / f"{stem}-key.pem").write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                                            serialization.PrivateFormat.PKCS8,
                                                            serialization.NoEncryption()))


def main() -> int:
    p = argparse.ArgumentParser(prog="certs.py", description=__doc__.splitlines()[0])
    p.add_argument("out", type=pathlib.Path)
    p.add_argument("names", nargs="+")
    p.add_argument("--rogue", nargs="*", default=[])
    a = p.parse_args()
    a.out.mkdir(parents=True, exist_ok=True)
    ca_key, ca_cert = make_ca("cockpit-test-ca")
    (a.out / "ca.pem").write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
    for n in a.names:
        write(a.out, n, *make_leaf(n, ca_key, ca_cert))
    if a.rogue:
        rogue_key, rogue_ca = make_ca("rogue-ca")
        for n in a.rogue:
            write(a.out, n, *make_leaf(n, rogue_key, rogue_ca))
    print("OK")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
