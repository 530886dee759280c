#!/usr/bin/env python3
"""Unpacks an image tarball in `docker save` format (what Jib writes for `docker load`) into a root
filesystem, applying its layers in order (with OCI whiteouts), and prints the image config's
Entrypoint, Cmd, Env, User and WorkingDir as JSON, plus each layer's compressed size.

usage: unpack_image.py IMAGE.tar ROOTFS
"""
import json
import os
import shutil
import sys
import tarfile


def main(image_tar, rootfs):
    os.makedirs(rootfs, exist_ok=True)
    with tarfile.open(image_tar) as image:
        manifest = json.load(image.extractfile("manifest.json"))[0]
        config = json.load(image.extractfile(manifest["Config"]))
        layers = []
        for name in manifest["Layers"]:
            member = image.getmember(name)
            layers.append({"layer": name, "bytes": member.size})
            with tarfile.open(fileobj=image.extractfile(member), mode="r:*") as layer:
                apply_layer(layer, rootfs)
    c = config.get("config", {})
    print(json.dumps({"Entrypoint": c.get("Entrypoint"), "Cmd": c.get("Cmd"), "Env": c.get("Env", []),
                      "User": c.get("User", ""), "WorkingDir": c.get("WorkingDir", "/"), "Layers": layers}))


def apply_layer(layer, rootfs):
    members = []
    for m in layer.getmembers():
        name = os.path.normpath(m.name.lstrip("/"))
        if name.startswith(".."):
            raise SystemExit(f"layer entry escapes the root: {m.name}")
        base = os.path.basename(name)
        if base.startswith(".wh."):
            target = os.path.join(rootfs, os.path.dirname(name))
            if base == ".wh..wh..opq":
                for entry in os.listdir(target):
                    remove(os.path.join(target, entry))
            else:
                remove(os.path.join(target, base[len(".wh."):]))
            continue
        path = os.path.join(rootfs, name)
        if os.path.lexists(path) and not (m.isdir() and os.path.isdir(path)):
            remove(path)
        members.append(m)
    # The "tar" filter refuses entries that would land outside the root, also through symbolic links.
    layer.extractall(rootfs, members=members, numeric_owner=True, filter="tar")

def remove(path):
    if os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path)
    elif os.path.lexists(path):
        os.remove(path)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(*sys.argv[1:])
