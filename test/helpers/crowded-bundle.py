"""A PEM bundle that makes chain building work hard: many leaves, and many CA certificates that share the
leaves' issuer name but carry no key identifiers (so none can be told apart without checking a signature).

Usage: crowded-bundle.py LEAVES CAS OUT.pem. Made with Python's cryptography, the second independent tool.
"""
import datetime
import sys

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

leaves, cas, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
issuer = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Crowded Issuing CA")])
now = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
ca_key = ec.generate_private_key(ec.SECP256R1())
leaf_signer = ec.generate_private_key(ec.SECP256R1())
leaf_key = ec.generate_private_key(ec.SECP256R1()).public_key()


def cert(subject, key, signer, serial, ca):
    b = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(key)
        .serial_number(serial)
        .not_valid_before(now)
        .not_valid_after(now + datetime.timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
    )
    return b.sign(signer, hashes.SHA256()).public_bytes(serialization.Encoding.PEM)


with open(out, "wb") as f:
    for i in range(leaves):
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"leaf{i}.contoso.net")])
        f.write(cert(name, leaf_key, leaf_signer, 10_000 + i, False))
    for i in range(cas):
        # The CA's own issuer is another name, so each is an intermediate that the leaves' search must try.
        f.write(cert(issuer, ca_key.public_key(), ca_key, 100_000 + i, True))
