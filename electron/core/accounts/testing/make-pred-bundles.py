#!/usr/bin/env python3
"""Builds session bundles the way the Python predecessor did (LINGMA_SESSION_BUNDLE, protocol
notes 6.4): standard base64 of a gzip stream holding cache/{id,user,quota,config.json}. Which
container sat inside the gzip is not public, so both plausible ones are built with the standard
library a Python service would use: a tarfile archive, and a JSON map of path -> base64 content.

Usage: make-pred-bundles.py <logged-in workDir> <output dir>
The committed fixtures were built from a simulator workDir logged in as pred-user@example.com.
"""
import base64
import gzip
import io
import json
import os
import sys
import tarfile

FILES = ["cache/id", "cache/user", "cache/quota", "cache/config.json"]


def tar_bundle(workdir: str) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:
        for name in FILES:
            tar.add(os.path.join(workdir, name), arcname=name)
    return base64.b64encode(buf.getvalue())


def json_bundle(workdir: str) -> bytes:
    table = {}
    for name in FILES:
        with open(os.path.join(workdir, name), "rb") as f:
            table[name] = base64.b64encode(f.read()).decode("ascii")
    return base64.b64encode(gzip.compress(json.dumps(table).encode("utf-8")))


def main() -> None:
    workdir, out = sys.argv[1], sys.argv[2]
    with open(os.path.join(out, "pred-bundle-tar.b64"), "wb") as f:
        f.write(tar_bundle(workdir) + b"\n")
    with open(os.path.join(out, "pred-bundle-json.b64"), "wb") as f:
        f.write(json_bundle(workdir) + b"\n")


if __name__ == "__main__":
    main()
