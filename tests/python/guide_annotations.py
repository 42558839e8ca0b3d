"""User-guide steps for annotations and users, and the deletes that end the guide."""

from cytomine.models import (
    Annotation,
    AnnotationCollection,
    ImageInstance,
    Ontology,
    Project,
    Term,
    UserCollection,
)
from cytomine.models.collection import CollectionPartialUploadException

from interop_runner import Guide, saved

FIRST = "POLYGON ((10 10, 10 50, 50 50, 50 10, 10 10))"
BULK = 20


def square(i: int) -> str:
    """The i-th small square of the bulk save, all inside the 200x120 image and distinct."""
    x, y = 5 + (i % 10) * 19, 5 + (i // 10) * 60
    return f"POLYGON (({x} {y}, {x} {y + 10}, {x + 10} {y + 10}, {x + 10} {y}, {x} {y}))"


def annotations(**filters) -> AnnotationCollection:
    """Fetch `annotation.json` with the given modifiers; fails the step if the server refuses."""
    query = "&".join(f"{k}={','.join(map(str, v)) if isinstance(v, list) else v}" for k, v in filters.items())
    return saved(AnnotationCollection(**filters).fetch(), f"GET annotation.json?{query}")


def annotate(guide: Guide) -> str:
    """Create one annotation with a term (no project given: the server derives it), fetch it back."""
    image, project, terms = guide["image"], guide["project"], guide["terms"]
    created = saved(Annotation(FIRST, image.id, [terms[0].id]).save(), "POST annotation.json")
    assert isinstance(created.id, int), f"annotation saved without an id: {created.id!r}"
    assert created.location == FIRST, f"created location {created.location!r} != {FIRST!r}"
    fetched = saved(Annotation().fetch(created.id), f"GET annotation/{created.id}.json")
    assert fetched.location == FIRST, f"fetched location {fetched.location!r} != {FIRST!r}"
    assert fetched.image == image.id, f"fetched image {fetched.image!r} != {image.id}"
    assert fetched.project == project.id, f"project not derived from the image: {fetched.project!r} != {project.id}"
    assert fetched.term == [terms[0].id], f"fetched terms {fetched.term!r} != {[terms[0].id]}"
    guide["annotation"] = fetched
    return f"annotation #{fetched.id} on image #{image.id} with term #{terms[0].id}"


def filter_annotations(guide: Guide) -> str:
    """AnnotationCollection with project, users, terms, showWKT and showTerm."""
    project, me, terms, first = guide["project"], guide["me"], guide["terms"], guide["annotation"]
    listed = annotations(project=project.id, users=[me.id], terms=[terms[0].id], showWKT=True, showTerm=True)
    listed_ids = [a.id for a in listed]
    assert listed_ids == [first.id], f"filtered list has ids {listed_ids}, expected [{first.id}]"
    item = listed[0]
    assert getattr(item, "location", None) == FIRST, f"showWKT=True: item location {getattr(item, 'location', None)!r}"
    assert getattr(item, "term", None) == [terms[0].id], f"showTerm=True: item term {getattr(item, 'term', None)!r}"
    other_term = annotations(project=project.id, terms=[terms[1].id])
    assert len(other_term) == 0, f"term {terms[1].id} is on no annotation, yet {len(other_term)} are listed"
    return f"project/users/terms filters select #{first.id}; showWKT and showTerm add location and term"


def bulk_save(guide: Guide) -> str:
    """Save a collection of 20 annotations (chunks of 15 by the client), then list them back."""
    image, project, terms = guide["image"], guide["project"], guide["terms"]
    batch = AnnotationCollection()
    for i in range(BULK):
        batch.append(Annotation(square(i), image.id, [terms[1].id], project.id))
    try:
        result = batch.save()
    except CollectionPartialUploadException as e:
        raise AssertionError(f"bulk POST annotation.json: {len(e.failed)} of {BULK} items failed") from e
    assert result is True, f"bulk save returned {result!r}"
    listed = annotations(project=project.id, terms=[terms[1].id], showWKT=True)
    assert len(listed) == BULK, (
        f"after the bulk save, term {terms[1].id} lists {len(listed)} annotations, expected {BULK}"
    )
    sent = sorted(square(i) for i in range(BULK))
    got = sorted(getattr(a, "location", "") for a in listed)
    assert got == sent, f"bulk-saved locations differ, first listed: {got[:2]}, first sent: {sent[:2]}"
    everything = annotations(project=project.id)
    assert len(everything) == BULK + 1, f"project {project.id} lists {len(everything)} annotations, expected {BULK + 1}"
    return f"{BULK} annotations saved in bulk and listed back by term; project now has {len(everything)}"


LARGE = 2_500


def large_listing(guide: Guide) -> str:
    """2,500 more annotations in one request; the whole listing reads the same as its pages of
    1,000."""
    image, project = guide["image"], guide["project"]
    batch = AnnotationCollection()
    for i in range(LARGE):
        batch.append(Annotation(square(i % 20), image.id, [], project.id))
    assert batch.save(chunk=None) is True, f"POST annotation.json with {LARGE} items failed"
    total = LARGE + BULK + 1
    everything = annotations(project=project.id, showWKT=True)
    ids = [a.id for a in everything]
    assert len(ids) == total, f"project {project.id} lists {len(ids)} annotations, expected {total}"
    assert ids == sorted(ids, reverse=True), "the listing is not newest first"
    assert all(getattr(a, "location", "").startswith("POLYGON") for a in everything), "an item lost its WKT"
    paged = []
    for offset in range(0, total, 1_000):
        paged += [a.id for a in annotations(project=project.id, max=1_000, offset=offset)]
    assert paged == ids, "pages of 1,000 differ from the whole listing"
    return f"{total} annotations listed at once and by pages of 1,000, alike"


def users(guide: Guide) -> str:
    """UserCollection online, and of the project."""
    me, project = guide["me"], guide["project"]
    everyone = saved(UserCollection().fetch(), "GET user.json")
    assert me.id in {u.id for u in everyone}, f"user.json does not list the current user #{me.id}"
    online = saved(UserCollection(online=True).fetch(), "GET user.json?online=True")
    strangers = {u.id for u in online} - {u.id for u in everyone}
    assert not strangers, f"user.json?online=True lists ids {sorted(strangers)} that user.json does not know"
    members = saved(UserCollection().fetch_with_filter("project", project.id), f"GET project/{project.id}/user.json")
    assert me.id in {u.id for u in members}, f"project/{project.id}/user.json does not list its creator #{me.id}"
    return f"{len(everyone)} users, {len(online)} online, {len(members)} in project #{project.id}"


def delete_and_refetch(model_class, object_id: int, label: str) -> None:
    """Delete by id, then a fetch of the same id must fail (the client returns False)."""
    assert model_class().delete(id=object_id) is True, f"DELETE {label}/{object_id}.json did not answer 200"
    again = model_class().fetch(object_id)
    assert again is False, f"GET {label}/{object_id}.json after its delete still answers an object: {again!r}"


def deletes(guide: Guide) -> str:
    """Delete by id: annotation, project (its image goes with it), terms, ontology."""
    first, project, image = guide["annotation"], guide["project"], guide["image"]
    delete_and_refetch(Annotation, first.id, "annotation")
    delete_and_refetch(Project, project.id, "project")
    gone = ImageInstance().fetch(image.id)
    assert gone is False, f"image #{image.id} still answers after its project was deleted: {gone!r}"
    for term in guide["terms"]:
        delete_and_refetch(Term, term.id, "term")
    delete_and_refetch(Ontology, guide["ontology"].id, "ontology")
    return "annotation, project (and its image), terms and ontology deleted; fetching them now fails"
