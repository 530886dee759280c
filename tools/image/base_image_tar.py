#!/usr/bin/env python3
"""Packs a root filesystem directory into a single-layer image tarball in `docker save` format, which
Jib accepts as a base image (quarkus.jib.base-jvm-image=tar:///path). Written here because no image tool
(docker, buildah, skopeo, umoci) is available; the format is manifest.json + config + layer tar.

usage: base_image_tar.py ROOTFS OUT.tar NAME:TAG
"""
import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
import tempfile


def main(rootfs, out, ref):
    with tempfile.TemporaryDirectory() as tmp:
        layer = os.path.join(tmp, "layer.tar")
        # GNU tar keeps device nodes, hard links, owners and modes exactly (numeric ids: the image's).
        subprocess.run(["tar", "-C", rootfs, "--numeric-owner", "--xattrs", "-cf", layer, "."], check=True)
        digest = hashlib.sha256()
        with open(layer, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                digest.update(chunk)
        diff_id = "sha256:" + digest.hexdigest()
        config = {
            "architecture": "amd64",
            "os": "linux",
            "config": {
                "Env": [
                    "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                    "JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64",
                    "LANG=C.UTF-8",
                ],
                "User": "185",
                "WorkingDir": "/home/jboss",
            },
            "rootfs": {"type": "layers", "diff_ids": [diff_id]},
            "history": [{"created_by": "debootstrap --variant=minbase bookworm + openjdk-17-jre-headless"}],
        }
        config_bytes = json.dumps(config, sort_keys=True).encode()
        config_name = hashlib.sha256(config_bytes).hexdigest() + ".json"
        manifest = [{"Config": config_name, "RepoTags": [ref], "Layers": ["layer.tar"]}]
        with tarfile.open(out, "w") as image:
            add_bytes(image, config_name, config_bytes)
            add_bytes(image, "manifest.json", json.dumps(manifest).encode())
            image.add(layer, arcname="layer.tar")
    print(f"{out}: {os.path.getsize(out) / 1e6:.1f} MB, layer {diff_id[:19]}")


def add_bytes(archive, name, data):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    archive.addfile(info, io.BytesIO(data))


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
