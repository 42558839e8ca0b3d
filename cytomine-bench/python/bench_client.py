"""One benchmark workload with the official Python client 4.3.0; prints one JSON result line.

    python bench_client.py WORKLOAD --host URL --public-key K --private-key K [options]

WORKLOAD is w1, w2, w3, w4-download, w4-upload, l3-crops, l4-fetch or l5-files, with the same
options as the Rust `bench-client`. Only the official client's public API is used, with its
defaults.
"""

import argparse
import json
import logging
import os
import sys
import time

from cytomine import Cytomine
from cytomine.models import Annotation, AnnotationCollection, ImageInstance, Project


def square(i: int) -> str:
    """The same small square polygon as the Rust client saves, as WKT."""
    x, y = (i % 100) * 10, (i // 100 % 100) * 10
    x2, y2 = x + 8, y + 8
    return f"POLYGON (({x} {y}, {x2} {y}, {x2} {y2}, {x} {y2}, {x} {y}))"


def w1(args) -> int:
    """`Project().fetch(id)`, `--count` times."""
    for _ in range(args.count):
        project = Project().fetch(args.project)
        if not project or project.id != args.project:
            raise RuntimeError(f"fetch of project {args.project} failed")
    return args.count


def w2(args) -> int:
    """`AnnotationCollection` of `--count` annotations, then `.save()` with its defaults."""
    collection = AnnotationCollection()
    for i in range(args.count):
        collection.append(Annotation(location=square(i), id_image=args.image))
    result = collection.save()
    if result is False:
        raise RuntimeError("AnnotationCollection.save() failed")
    return args.count


def w3(args) -> int:
    """`AnnotationCollection(project=.., showWKT=True).fetch()`: all at once (it cannot stream)."""
    annotations = AnnotationCollection(project=args.project, showWKT=True).fetch()
    if annotations is False:
        raise RuntimeError("AnnotationCollection.fetch() failed")
    return sum(1 for a in annotations if a.location)


def w4_download(args) -> int:
    """`ImageInstance().fetch(id).download(dest)`."""
    image = ImageInstance().fetch(args.image)
    if not image or not image.download(args.file, override=True):
        raise RuntimeError(f"download of image {args.image} failed")
    return os.path.getsize(args.file)


def w4_upload(args) -> int:
    """`Cytomine.upload_image(file, storage)`."""
    uploaded = Cytomine.get_instance().upload_image(args.file, args.storage)
    if not uploaded:
        raise RuntimeError("upload_image failed")
    return int(uploaded.size)


def l3_crops(args) -> int:
    """`AnnotationCollection(project=..).fetch().dump_crops(..)` with its default workers."""
    annotations = AnnotationCollection(project=args.project).fetch()
    if annotations is False:
        raise RuntimeError("AnnotationCollection.fetch() failed")
    dumped = annotations.dump_crops(os.path.join(args.dir, "{id}.jpg"))
    if len(dumped) != len(annotations):
        raise RuntimeError(f"{len(dumped)} of {len(annotations)} crops dumped")
    return len(dumped)


def l4_fetch(args) -> int:
    """`Annotation().fetch(id)` for each id, in a loop (there is no concurrent fetch)."""
    for annotation_id in args.ids:
        annotation = Annotation().fetch(annotation_id)
        if not annotation or annotation.id != annotation_id:
            raise RuntimeError(f"fetch of annotation {annotation_id} failed")
    return len(args.ids)


def l5_files(args) -> int:
    """`upload_image(.., id_project, sync=True)` for each file, then `ImageInstance.download`
    of each image instance they became; returns the bytes downloaded."""
    instances = []
    for file in args.files:
        uploaded = Cytomine.get_instance().upload_image(
            file, args.storage, id_project=args.project, sync=True
        )
        if not uploaded:
            raise RuntimeError(f"upload_image of {file} failed")
        instances.extend(uploaded.images[0]["imageInstances"])
    downloaded = 0
    for instance in instances:
        destination = os.path.join(args.dir, f"{instance.id}.tif")
        if not instance.download(destination, override=True):
            raise RuntimeError(f"download of image instance {instance.id} failed")
        downloaded += os.path.getsize(destination)
    return downloaded


def comma_separated(kind):
    """An argparse type: a comma-separated list of `kind`."""
    return lambda text: [kind(part) for part in text.split(",") if part]


WORKLOADS = {
    "w1": w1,
    "w2": w2,
    "w3": w3,
    "w4-download": w4_download,
    "w4-upload": w4_upload,
    "l3-crops": l3_crops,
    "l4-fetch": l4_fetch,
    "l5-files": l5_files,
}


def main(argv) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("workload", choices=sorted(WORKLOADS))
    parser.add_argument("--host", required=True)
    parser.add_argument("--public-key", required=True)
    parser.add_argument("--private-key", required=True)
    parser.add_argument("--project", type=int, default=0)
    parser.add_argument("--image", type=int, default=0)
    parser.add_argument("--storage", type=int, default=0)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--mode", default="all", choices=["all"])
    parser.add_argument("--file")
    parser.add_argument("--files", type=comma_separated(str), default=[])
    parser.add_argument("--ids", type=comma_separated(int), default=[])
    parser.add_argument("--dir")
    args = parser.parse_args(argv)
    with Cytomine(args.host, args.public_key, args.private_key, verbose=logging.WARNING):
        started = time.perf_counter()
        items = WORKLOADS[args.workload](args)
        work_s = time.perf_counter() - started
    print(json.dumps({"workload": args.workload, "items": items, "work_s": work_s}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
