//! Every URL template the models can produce — each operation each type allows, each list and
//! each filter, and the actions beyond CRUD — is matched against the server's OpenAPI spec
//! (`tests/data/openapi.yml`, the server's own `core/specs/openapi.yml`; `tests/data/README.md`
//! says which commit). Endpoints the client needs but the spec lacks form an explicit exception
//! list, each with its reason; an exception no longer used fails the test too, so the list cannot
//! rot.

use std::collections::BTreeSet;

use cytomine::models::*;
use cytomine::Resource;

type Endpoint = (&'static str, String);

/// The endpoints one resource type can produce.
fn endpoints<R: Resource>() -> Vec<Endpoint> {
    let ops = R::OPERATIONS;
    let mut out = Vec::new();
    if ops.fetch {
        out.push(("GET", R::ITEM_PATH.to_string()));
    }
    if ops.create {
        out.push(("POST", R::CREATE_PATH.to_string()));
    }
    if ops.update {
        out.push(("PUT", R::ITEM_PATH.to_string()));
    }
    if ops.delete {
        out.push(("DELETE", R::ITEM_PATH.to_string()));
    }
    if ops.list && !R::FILTER_REQUIRED {
        out.push(("GET", R::LIST_PATH.to_string()));
    }
    for filter in R::FILTERS {
        out.push(("GET", filter.path.replace("{}", "{filter}")));
    }
    for lookup in R::LOOKUPS {
        out.push(("GET", lookup.path.to_string()));
    }
    out
}

macro_rules! all_endpoints {
    ($($t:ty),* $(,)?) => {{
        let mut all = Vec::new();
        $( all.extend(endpoints::<$t>()); )*
        all
    }};
}

/// The actions beyond CRUD (downloads, rendering, review, ...), as the models' methods build them.
fn actions() -> Vec<Endpoint> {
    [
        ("GET", "/server/ping"),
        ("GET", "/session/admin/open.json"),
        ("GET", "/session/admin/close.json"),
        ("POST", "/upload"),
        ("GET", "user/current.json"),
        ("GET", "userkey/{publicKey}/keys.json"),
        ("GET", "signature.json"),
        ("GET", "user/{id}/keys.json"),
        ("GET", "abstractimage/{id}/download"),
        ("GET", "imageinstance/{id}/download"),
        ("GET", "imageinstance/{id}/thumb.{format}"),
        ("GET", "imageinstance/{id}/window-{x}-{y}-{w}-{h}.{format}"),
        ("GET", "imageinstance/{id}/sliceinstance/reference.json"),
        ("GET", "sliceinstance/{id}/thumb.{format}"),
        ("GET", "sliceinstance/{id}/window-{x}-{y}-{w}-{h}.{format}"),
        ("GET", "userannotation/{id}/crop.{format}"),
        ("GET", "userannotation/{id}/mask.{format}"),
        ("GET", "userannotation/{id}/alphamask.{format}"),
        ("POST", "annotation/{id}/review.json"),
        ("DELETE", "annotation/{id}/review.json"),
        ("POST", "project/{id}/user/{user}.json"),
        ("POST", "project/{id}/user/{user}/admin.json"),
        ("DELETE", "project/{id}/user/{user}.json"),
        ("DELETE", "project/{id}/user/{user}/admin.json"),
        (
            "POST",
            "annotationgroup/{id}/annotationgroup/{other}/merge.json",
        ),
        ("GET", "attachedfile/{id}/download"),
    ]
    .into_iter()
    .map(|(m, p)| (m, p.to_string()))
    .collect()
}

/// Needed by the client, absent from the spec: (method, path, reason).
const EXCEPTIONS: &[(&str, &str, &str)] = &[
    ("GET", "/session/admin/open.json", "ROOT admin session; core's RestGrantRoleController, outside the spec"),
    ("GET", "/session/admin/close.json", "ROOT admin session; core's RestGrantRoleController, outside the spec"),
    ("POST", "/upload", "served by PIMS and documented in its own spec"),
    ("GET", "annotation.json", "the annotation listing: core has it, the spec only has POST"),
    ("POST", "annotation/{id}/review.json", "accept an annotation: core has POST, the spec only PUT and DELETE"),
    ("GET", "annotation/{userannotation}/term/{term}.json", "core has it; the spec only with a trailing /user/{id}"),
    ("DELETE", "annotation/{userannotation}/term/{term}.json", "core has it; the spec only with a trailing /user/{id}"),
    ("GET", "annotation/{filter}/term.json", "terms of an annotation: in core, not in the spec"),
    ("GET", "annotation/{filter}/property.json", "properties of an annotation: in core, not in the spec"),
    ("GET", "imageinstance/{filter}/property.json", "property shortcut route of core (docs/protocol.md §3.14), not in the spec"),
    ("GET", "project/{filter}/property.json", "property shortcut route of core (docs/protocol.md §3.14), not in the spec"),
    ("POST", "annotationgroup.json", "AnnotationGroup family: in core, not in the spec"),
    ("GET", "annotationgroup/{id}.json", "AnnotationGroup family"),
    ("PUT", "annotationgroup/{id}.json", "AnnotationGroup family"),
    ("DELETE", "annotationgroup/{id}.json", "AnnotationGroup family"),
    ("POST", "annotationgroup/{id}/annotationgroup/{other}/merge.json", "AnnotationGroup merge"),
    ("GET", "project/{filter}/annotationgroup.json", "AnnotationGroup family"),
    ("GET", "imagegroup/{filter}/annotationgroup.json", "AnnotationGroup family"),
    ("POST", "annotationlink.json", "AnnotationLink family: in core, not in the spec"),
    ("GET", "annotationgroup/{group}/annotation/{annotation_ident}.json", "AnnotationLink fetch: the Python client's route, in neither spec nor core; the emulator serves it"),
    ("DELETE", "annotationgroup/{group}/annotation/{annotation_ident}.json", "AnnotationLink delete"),
    ("GET", "annotationgroup/{filter}/annotationlink.json", "AnnotationLink family"),
    ("GET", "annotation/{filter}/annotationlink.json", "AnnotationLink family"),
    ("GET", "abstractimage/{id}/download", "download: in core, not in the spec"),
    ("GET", "imageinstance/{id}/download", "download: in core, not in the spec"),
    ("GET", "imageinstance/{id}/sliceinstance/reference.json", "reference slice: in core, not in the spec"),
    ("GET", "imageinstance/{id}/window-{x}-{y}-{w}-{h}.{format}", "window: in core, not in the spec"),
    ("GET", "sliceinstance/{id}/window-{x}-{y}-{w}-{h}.{format}", "window: in core, not in the spec"),
    ("POST", "sliceinstance.json", "SliceInstance create: in core, not in the spec"),
    ("PUT", "sliceinstance/{id}.json", "SliceInstance update"),
    ("DELETE", "sliceinstance/{id}.json", "SliceInstance delete"),
    ("POST", "imagegroup.json", "ImageGroup family: in core, not in the spec"),
    ("GET", "imagegroup/{id}.json", "ImageGroup family"),
    ("PUT", "imagegroup/{id}.json", "ImageGroup family"),
    ("DELETE", "imagegroup/{id}.json", "ImageGroup family"),
    ("GET", "project/{filter}/imagegroup.json", "ImageGroup family"),
    ("GET", "imagegroup/{filter}/imageinstance.json", "images of a group: in core, not in the spec"),
    ("POST", "imagegroup/{group}/imageinstance/{image}.json", "ImageGroupImageInstance family"),
    ("GET", "imagegroup/{group}/imageinstance/{image}.json", "ImageGroupImageInstance fetch: the Python client's route, not in core; the emulator serves it"),
    ("DELETE", "imagegroup/{group}/imageinstance/{image}.json", "ImageGroupImageInstance family"),
    ("GET", "imagegroup/{filter}/imagegroupimageinstance.json", "ImageGroupImageInstance family, client-compat"),
    ("GET", "imageinstance/{filter}/imagegroupimageinstance.json", "ImageGroupImageInstance family"),
    ("GET", "position/{id}.json", "Position fetch: the Python client's route, in neither spec nor core; the emulator serves it"),
    ("GET", "sliceinstance/{filter}/positions.json", "positions per slice: in core, not in the spec"),
    ("GET", "annotation_action/{id}.json", "AnnotationAction fetch: the Python client's route"),
    ("GET", "imageinstance/{filter}/annotation_action.json", "annotation actions per image: in core"),
    ("GET", "sliceinstance/{filter}/annotation_action.json", "annotation actions per slice: in core (docs/protocol.md §3.20), not in the spec"),
    ("GET", "user/{id}/keys.json", "a user's keys: in core, not in the spec"),
    ("GET", "annotationfilter.json", "AnnotationFilter: a class the Python client does not export; no server route"),
    ("POST", "annotationfilter.json", "AnnotationFilter"),
    ("GET", "annotationfilter/{id}.json", "AnnotationFilter"),
    ("PUT", "annotationfilter/{id}.json", "AnnotationFilter"),
    ("DELETE", "annotationfilter/{id}.json", "AnnotationFilter"),
    ("PUT", "tag_domain_association/{id}.json", "TagDomainAssociation update, inherited in the Python client"),
    ("GET", "tag_domain_association.json", "all tag associations: core (docs/protocol.md §3.17) has it, the spec not"),
    ("GET", "attachedfile.json", "all attached files: core (docs/protocol.md §3.15) has it, the spec not"),
    ("GET", "imageserver.json", "ImageServer: removed from core in 2026 (docs/protocol.md §3.21) and from the Python client 4.3.0; kept read-only for older servers"),
    ("GET", "imageserver/{id}.json", "ImageServer: see imageserver.json"),
];

/// The spec's (method, path) pairs, read from the `paths:` section.
fn spec() -> BTreeSet<(String, String)> {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/openapi.yml"
    ))
    .expect("tests/data/openapi.yml, the server's API description, is part of the repository");
    let mut out = BTreeSet::new();
    let mut in_paths = false;
    let mut current: Option<String> = None;
    for line in text.lines() {
        if !line.starts_with(' ') && !line.is_empty() {
            in_paths = line.starts_with("paths:");
            continue;
        }
        if !in_paths {
            continue;
        }
        if let Some(path) = line.strip_prefix("  ").filter(|l| l.starts_with('/')) {
            current = Some(
                path.trim_end_matches(':')
                    .trim_matches(['\'', '"'])
                    .to_string(),
            );
        } else if let (Some(path), Some(method)) = (&current, line.strip_prefix("    ")) {
            let method = method.trim_end_matches(':');
            if ["get", "post", "put", "delete", "patch"].contains(&method) {
                out.insert((method.to_uppercase(), path.clone()));
            }
        }
    }
    out
}

/// `project/{id}.json` → `/api/project/{id}` (absolute, `.json` dropped: it may be absent on
/// either side).
fn normalise(path: &str) -> String {
    let absolute = if path.starts_with('/') {
        path.to_string()
    } else {
        format!("/api/{path}")
    };
    absolute
        .strip_suffix(".json")
        .unwrap_or(&absolute)
        .to_string()
}

/// A client placeholder becomes this marker: only a spec placeholder matches it.
const MARK: char = '\u{1}';

fn client_segment(segment: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in segment.chars() {
        match c {
            '{' => {
                depth += 1;
                out.push(MARK);
            }
            '}' => depth -= 1,
            _ if depth > 0 => {}
            c => out.push(c),
        }
    }
    out
}

/// Glob match of one client segment against one spec segment, where a spec placeholder
/// matches any non-empty text, markers included.
fn segment_matches(client: &str, spec: &str) -> bool {
    let client: Vec<char> = client_segment(client).chars().collect();
    let mut parts: Vec<&str> = Vec::new();
    let mut rest = spec;
    while let Some(open) = rest.find('{') {
        parts.push(&rest[..open]);
        let close = rest[open..].find('}').map_or(rest.len(), |c| open + c + 1);
        rest = &rest[close..];
    }
    parts.push(rest);
    glob(&client, &parts)
}

fn glob(text: &[char], parts: &[&str]) -> bool {
    let (first, rest) = match parts.split_first() {
        Some(split) => split,
        None => return text.is_empty(),
    };
    let first: Vec<char> = first.chars().collect();
    if !text.starts_with(&first) {
        return false;
    }
    let text = &text[first.len()..];
    if rest.is_empty() {
        return text.is_empty();
    }
    (1..=text.len()).any(|n| glob(&text[n..], rest))
}

fn matches(method: &str, client: &str, spec: &BTreeSet<(String, String)>) -> bool {
    let client = normalise(client);
    let client: Vec<&str> = client.split('/').collect();
    spec.iter().filter(|(m, _)| m == method).any(|(_, path)| {
        let path = normalise(path);
        let path: Vec<&str> = path.split('/').collect();
        path.len() == client.len() && client.iter().zip(&path).all(|(c, s)| segment_matches(c, s))
    })
}

#[test]
fn the_matcher_treats_placeholders_and_formats_as_documented() {
    let spec: BTreeSet<(String, String)> = [
        ("GET", "/api/project/{id}.json"),
        ("GET", "/api/imageinstance/{id}/thumb.{format}"),
        ("GET", "/server/ping"),
    ]
    .into_iter()
    .map(|(m, p)| (m.to_string(), p.to_string()))
    .collect();
    assert!(matches("GET", "project/{id}.json", &spec));
    assert!(
        matches("GET", "project/current.json", &spec),
        "a spec placeholder matches a value"
    );
    assert!(matches("GET", "imageinstance/{id}/thumb.{format}", &spec));
    assert!(matches("GET", "imageinstance/{id}/thumb.png", &spec));
    assert!(matches("GET", "/server/ping", &spec));
    assert!(!matches("PUT", "project/{id}.json", &spec));
    assert!(!matches("GET", "project/{id}/user.json", &spec));
    let literal: BTreeSet<(String, String)> =
        [("GET".to_string(), "/api/user/current.json".to_string())].into();
    assert!(
        !matches("GET", "user/{id}.json", &literal),
        "a client placeholder only matches a spec placeholder"
    );
}

#[test]
fn every_endpoint_is_in_the_spec_or_a_reasoned_exception() {
    let spec = spec();
    assert!(
        spec.len() > 150,
        "the spec was read: {} operations",
        spec.len()
    );
    let mut all = all_endpoints!(
        Project,
        Ontology,
        Term,
        RelationTerm,
        User,
        Storage,
        UploadedFile,
        AbstractImage,
        AbstractSlice,
        ImageInstance,
        SliceInstance,
        ImageServer,
        Annotation,
        AnnotationTerm,
        AnnotationGroup,
        AnnotationLink,
        ImageGroup,
        ImageGroupImageInstance,
        Property,
        Description,
        AttachedFile,
        Tag,
        TagDomainAssociation,
        Track,
        AnnotationTrack,
        Position,
        AnnotationAction,
        ProjectConnection,
        ImageConsultation,
        Role,
        UserRole,
        AnnotationFilter,
    );
    all.extend(actions());
    all.sort();
    all.dedup();
    let excepted = |m: &str, p: &str| {
        EXCEPTIONS
            .iter()
            .any(|(em, ep, _)| *em == m && normalise(ep) == normalise(p))
    };
    let missing: Vec<String> = all
        .iter()
        .filter(|(m, p)| !matches(m, p, &spec) && !excepted(m, p))
        .map(|(m, p)| format!("{m} {p}"))
        .collect();
    assert!(
        missing.is_empty(),
        "{} endpoint(s) neither in the spec nor excepted:\n{}",
        missing.len(),
        missing.join("\n")
    );
    let stale: Vec<&str> = EXCEPTIONS
        .iter()
        .filter(|(m, p, _)| {
            !all.iter()
                .any(|(am, ap)| am == m && normalise(ap) == normalise(p))
                || matches(m, p, &spec)
        })
        .map(|(_, p, _)| *p)
        .collect();
    assert!(stale.is_empty(), "exceptions no longer needed: {stale:?}");
}
