"""User-guide steps for images: upload with `upload_image`, list by project, download, thumbnail dump."""

import os
import tempfile

from cytomine.models import ImageInstance, ImageInstanceCollection, StorageCollection
from cytomine.models._utilities.dump import DumpError

from interop_runner import Guide, saved, unique
from pngbytes import make_png, png_size

WIDTH, HEIGHT = 200, 120
THUMB = 64


def _workdir(guide: Guide) -> str:
    if "workdir" not in guide.objects:
        guide["tempdir"] = tempfile.TemporaryDirectory(prefix="cytomine-interop-")
        guide["workdir"] = guide["tempdir"].name
    return guide["workdir"]


def _my_storage(guide: Guide):
    me = guide["me"]
    storages = saved(StorageCollection().fetch(), "GET storage.json")
    assert len(storages) > 0, "storage.json is empty: the current user has no storage to upload into"
    mine = [s for s in storages if me.id in (getattr(s, "user", None), getattr(s, "userId", None))]
    return mine[0] if mine else storages[0]


def upload(guide: Guide) -> str:
    """`upload_image(..., sync=True)` of a real PNG into the project; check the image's size."""
    project, storage = guide["project"], _my_storage(guide)
    path = os.path.join(_workdir(guide), unique("ug-image") + ".png")
    data = make_png(WIDTH, HEIGHT)
    with open(path, "wb") as f:
        f.write(data)
    uploaded = saved(
        guide.cm.upload_image(path, storage.id, id_project=project.id, sync=True),
        f"POST /upload?storage={storage.id}&projects={project.id}&sync=True",
    )
    assert isinstance(uploaded.id, int), f"upload: uploadedFile has no id: {uploaded.id!r}"
    assert uploaded.originalFilename == os.path.basename(path), (
        f"upload: originalFilename {uploaded.originalFilename!r} != {os.path.basename(path)!r}"
    )
    assert len(uploaded.images) == 1, f"upload with sync=True: expected 1 image, got {len(uploaded.images)}"
    abstract = uploaded.images[0].get("abstractImage")
    assert abstract is not None, "upload: the image entry has no 'image' (abstract image)"
    assert (abstract.width, abstract.height) == (WIDTH, HEIGHT), (
        f"upload: abstract image is {abstract.width}x{abstract.height}, expected {WIDTH}x{HEIGHT}"
    )
    instances = uploaded.images[0].get("imageInstances") or []
    in_project = [i for i in instances if i.project == project.id]
    assert len(in_project) == 1, f"upload: expected 1 image instance in project {project.id}, got {len(in_project)}"
    image = saved(ImageInstance().fetch(in_project[0].id), f"GET imageinstance/{in_project[0].id}.json")
    assert (image.width, image.height) == (WIDTH, HEIGHT), (
        f"image instance is {image.width}x{image.height}, expected {WIDTH}x{HEIGHT}"
    )
    assert image.baseImage == abstract.id, f"image instance baseImage {image.baseImage!r} != {abstract.id}"
    guide["image"], guide["image_bytes"] = image, data
    return f"uploaded file #{uploaded.id} -> abstract image #{abstract.id} -> image #{image.id} ({WIDTH}x{HEIGHT})"


def images_of_project(guide: Guide) -> str:
    """ImageInstanceCollection filtered by project."""
    project, image = guide["project"], guide["image"]
    listed = saved(
        ImageInstanceCollection().fetch_with_filter("project", project.id),
        f"GET project/{project.id}/imageinstance.json",
    )
    listed_ids = [i.id for i in listed]
    assert listed_ids == [image.id], f"project {project.id} lists images {listed_ids}, expected [{image.id}]"
    assert listed[0].width == WIDTH, f"listed image width {listed[0].width!r} != {WIDTH}"
    return f"project #{project.id} lists image #{image.id}"


def download(guide: Guide) -> str:
    """`ImageInstance.download`: the bytes must equal the uploaded file."""
    image = guide["image"]
    destination = os.path.join(_workdir(guide), "downloaded-{id}.png")
    try:
        image.download(destination, override=True)
    except DumpError as e:
        raise AssertionError(f"GET imageinstance/{image.id}/download failed: {e}") from e
    path = destination.replace("{id}", str(image.id))
    with open(path, "rb") as f:
        got = f.read()
    expected = guide["image_bytes"]
    assert got == expected, f"downloaded {len(got)} bytes that differ from the {len(expected)} uploaded"
    return f"downloaded image #{image.id}: {len(got)} bytes, identical to the upload"


def thumbnail(guide: Guide) -> str:
    """`ImageInstance.dump(max_size=64)` to a PNG; its longest side must be 64."""
    image = guide["image"]
    destination = os.path.join(_workdir(guide), "thumb-{id}.png")
    try:
        dumped = image.dump(destination, override=True, max_size=THUMB)
    except DumpError as e:
        raise AssertionError(f"GET imageinstance/{image.id}/thumb.png?maxSize={THUMB} failed: {e}") from e
    assert dumped is True, f"dump returned {dumped!r}"
    with open(image.filename, "rb") as f:
        width, height = png_size(f.read())
    assert max(width, height) == THUMB, f"thumbnail is {width}x{height}; its longest side should be {THUMB}"
    expected_short = round(THUMB * min(WIDTH, HEIGHT) / max(WIDTH, HEIGHT))
    assert abs(min(width, height) - expected_short) <= 1, (
        f"thumbnail {width}x{height} does not keep the {WIDTH}x{HEIGHT} aspect ratio (short side ~{expected_short})"
    )
    return f"thumbnail of image #{image.id}: {width}x{height} PNG"
