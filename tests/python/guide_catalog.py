"""User-guide steps for the catalog: connect, ontology and terms, project CRUD and project lists."""

from cytomine import Cytomine
from cytomine.models import Ontology, Project, ProjectCollection, Term, TermCollection

from interop_runner import Guide, saved, unique


def ids(collection) -> set:
    """The ids of the items of a fetched collection."""
    return {item.id for item in collection}


def connect(guide: Guide) -> str:
    """`Cytomine.connect_from_cli`: ping, then `GET user/current.json`."""
    guide.cm = Cytomine.connect_from_cli(guide.argv)
    me = guide.cm.current_user
    assert me, f"connect: current user not fetched (user/current.json answered {me!r})"
    assert isinstance(me.id, int) and me.id > 0, f"connect: current user has no numeric id: {me.id!r}"
    assert getattr(me, "username", None), "connect: current user has no username"
    guide["me"] = me
    return f"connected to {guide.cm.host} as {me.username} (#{me.id})"


def ontology_and_terms(guide: Guide) -> str:
    """Create an ontology and two terms, then list the terms by ontology."""
    ontology = saved(Ontology(unique("ug-ontology")).save(), "POST ontology.json")
    assert isinstance(ontology.id, int), f"ontology saved without an id: {ontology.id!r}"
    fetched = saved(Ontology().fetch(ontology.id), f"GET ontology/{ontology.id}.json")
    assert fetched.name == ontology.name, f"ontology name {fetched.name!r} != {ontology.name!r}"
    terms = []
    for name, color in (("tumour", "#FF0000"), ("stroma", "#00FF00")):
        term = saved(Term(unique(name), ontology.id, color).save(), f"POST term.json ({name})")
        assert isinstance(term.id, int), f"term {name} saved without an id"
        assert term.ontology == ontology.id, f"term {name}: ontology {term.ontology!r} != {ontology.id}"
        assert term.color == color, f"term {name}: color {term.color!r} != {color!r}"
        terms.append(term)
    listed = saved(TermCollection().fetch_with_filter("ontology", ontology.id), f"GET ontology/{ontology.id}/term.json")
    assert ids(listed) == {t.id for t in terms}, (
        f"terms of ontology {ontology.id}: got ids {sorted(ids(listed))}, expected {sorted(t.id for t in terms)}"
    )
    names = {t.name for t in listed}
    assert names == {t.name for t in terms}, f"term names listed {names} differ from the saved ones"
    guide["ontology"], guide["terms"] = ontology, terms
    return f"ontology #{ontology.id} with terms {[t.id for t in terms]}, listed by ontology"


def project_crud(guide: Guide) -> str:
    """Create a project on the ontology, fetch it, rename it (PUT), fetch the new name."""
    ontology = guide["ontology"]
    name = unique("ug-project")
    project = saved(Project(name, ontology.id).save(), "POST project.json")
    assert isinstance(project.id, int), f"project saved without an id: {project.id!r}"
    assert project.name == name, f"created project name {project.name!r} != {name!r}"
    fetched = saved(Project().fetch(project.id), f"GET project/{project.id}.json")
    assert fetched.name == name, f"fetched project name {fetched.name!r} != {name!r}"
    assert fetched.ontology == ontology.id, f"fetched project ontology {fetched.ontology!r} != {ontology.id}"
    renamed = name + "-renamed"
    saved(fetched.update(name=renamed), f"PUT project/{project.id}.json")
    again = saved(Project().fetch(project.id), f"GET project/{project.id}.json after update")
    assert again.name == renamed, f"after update the name is {again.name!r}, expected {renamed!r}"
    assert again.ontology == ontology.id, f"update lost the ontology: {again.ontology!r}"
    guide["project"] = again
    return f"project #{project.id} created, fetched, renamed to {renamed!r}"


def project_lists(guide: Guide) -> str:
    """ProjectCollection: all, by user, by ontology."""
    project, me, ontology = guide["project"], guide["me"], guide["ontology"]
    everything = saved(ProjectCollection().fetch(), "GET project.json")
    assert project.id in ids(everything), f"project.json does not list project {project.id}"
    by_user = saved(ProjectCollection().fetch_with_filter("user", me.id), f"GET user/{me.id}/project.json")
    assert project.id in ids(by_user), f"user/{me.id}/project.json does not list project {project.id} (its creator)"
    by_ontology = saved(
        ProjectCollection().fetch_with_filter("ontology", ontology.id), f"GET ontology/{ontology.id}/project.json"
    )
    assert ids(by_ontology) == {project.id}, (
        f"ontology/{ontology.id}/project.json lists {sorted(ids(by_ontology))}, expected only [{project.id}]"
    )
    return f"listed: all ({len(everything)}), by user ({len(by_user)}), by ontology ({len(by_ontology)})"
