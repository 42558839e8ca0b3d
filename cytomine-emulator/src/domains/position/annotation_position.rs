//! `GET user/{u}/imageinstance/{i}/annotationposition.json?key=&bbox=` (docs/protocol.md §3.14): for
//! one property key, the centroid and the value of every annotation of a layer (core's
//! `PropertyService.listAnnotationCenterPosition`), in the collection envelope of §2.2:
//! `{"idAnnotation": 5, "x": 10.0, "y": 20.0, "value": "..."}` per row.

use std::collections::HashMap;

use serde_json::json;

use super::super::acl;
use super::super::Routes;
use crate::geometry::parse_wkt;
use crate::http::call::Call;
use crate::http::fail::{Fail, Outcome};
use crate::http::paging::paged;
use crate::http::reply::Reply;
use crate::http::route::Params;
use crate::store::State;

/// Register the route.
pub(crate) fn routes(routes: &mut Routes) {
    routes.get(
        "user/{user}/imageinstance/{image}/annotationposition.json",
        list,
    );
}

/// One row: annotation id, centroid, property value.
type Row = (i64, (f64, f64), String);

fn list(call: &Call, params: &Params, state: &State) -> Outcome {
    let Some(key) = call.param("key") else {
        return Ok(missing_parameter("key", "String"));
    };
    let image = params
        .id("image")
        .and_then(|id| state.image_instances.get(id));
    let image = image.ok_or_else(|| {
        Fail::not_found(format!("ImageInstance {} not found", params.get("image")))
    })?;
    let user = params
        .id("user")
        .filter(|id| state.users.get(*id).is_some());
    let user =
        user.ok_or_else(|| Fail::not_found(format!("SecUser {} not found", params.get("user"))))?;
    let bbox = match call.param("bbox").map(bounding_box) {
        None => None,
        Some(Some(b)) => Some(b),
        // core lets the parse exception escape: an unhandled 500.
        Some(None) => return Ok(Reply::error_page(500)),
    };
    acl::read_project(call, state, image.project)?;
    // The SQL joins on the property's domain id only, whatever its class.
    let mut values: HashMap<i64, Vec<&str>> = HashMap::new();
    for prop in state.properties.iter().filter(|x| x.key == key) {
        values
            .entry(prop.owner.ident)
            .or_default()
            .push(&prop.value);
    }
    let mut rows: Vec<Row> = Vec::new();
    for a in state.annotations.iter() {
        let Some(found) = values.get(&a.meta.id) else {
            continue;
        };
        let inside = bbox.is_none_or(|b| a.geometry.intersects_bbox(b));
        if a.image == image.meta.id && a.user == user && inside {
            rows.extend(
                found
                    .iter()
                    .map(|v| (a.meta.id, a.centroid, (*v).to_owned())),
            );
        }
    }
    // SELECT DISTINCT ... UNION: no duplicate rows.
    rows.sort_by(|x, y| (x.0, &x.2).cmp(&(y.0, &y.2)));
    rows.dedup_by(|x, y| x.0 == y.0 && x.2 == y.2);
    paged(
        call,
        rows,
        |(id, (x, y), value)| json!({"idAnnotation": id, "x": x, "y": y, "value": value}),
    )
}

/// `GeometryUtils.createBoundingBox`: a `POLYGON` WKT, or `minX,minY,maxX,maxY` (items after
/// the fourth are ignored); `None` where core throws.
fn bounding_box(text: &str) -> Option<(f64, f64, f64, f64)> {
    if text.starts_with("POLYGON") {
        return parse_wkt(text).ok()?.bbox();
    }
    let parts: Vec<&str> = text.split(',').collect();
    let num = |i: usize| parts.get(i)?.trim().parse::<f64>().ok();
    Some((num(0)?, num(1)?, num(2)?, num(3)?))
}

/// Spring's answer to a missing `@RequestParam` (docs/protocol.md §2.6).
fn missing_parameter(name: &str, java_type: &str) -> Reply {
    let message = format!(
        "Required request parameter '{name}' for method parameter type {java_type} is not present"
    );
    Reply::json(400, &json!({"errors": {"message": message}}))
}
