//! Properties of any domain object (docs/protocol.md §3.14, classic format): values are always strings.

use std::collections::BTreeSet;

use serde_json::Value;

use super::acl;
use super::crud::{self, Domain};
use super::json::{self, Body};
use super::owner;
use super::Routes;
use crate::http::call::Call;
use crate::http::fail::{Fail, Outcome};
use crate::http::paging::paged;
use crate::http::route::Params;
use crate::store::{DomainRef, Meta, Property, State};

/// The owners' route prefixes: the generic form and the three shortcuts.
const PREFIXES: [&str; 4] = [
    "domain/{cls}/{id}",
    "project/{id}",
    "imageinstance/{id}",
    "annotation/{id}",
];

/// Register the routes.
pub(crate) fn routes(routes: &mut Routes) {
    for prefix in PREFIXES {
        routes.get(&format!("{prefix}/property.json"), list);
        routes.write("POST", &format!("{prefix}/property.json"), create);
        routes.get(
            &format!("{prefix}/property/{{pid}}.json"),
            |call, params, state| {
                crud::get::<Property>(call, state, params.id("pid"), params.get("pid"))
            },
        );
        routes.write(
            "PUT",
            &format!("{prefix}/property/{{pid}}.json"),
            |call, _, state| crud::put::<Property>(call, state),
        );
        routes.write(
            "DELETE",
            &format!("{prefix}/property/{{pid}}.json"),
            |call, params, state| crud::delete::<Property>(call, state, params.id("pid")),
        );
        routes.get(&format!("{prefix}/key/{{key}}/property.json"), by_key);
    }
    routes.write("POST", "property.json", |call, _, state| {
        crud::post_many::<Property>(call, state)
    });
    routes.get("annotation/property/key.json", |call, _, state| {
        keys(call, state, owner::USER_ANNOTATION)
    });
    routes.get("imageinstance/property/key.json", |call, _, state| {
        keys(call, state, owner::IMAGE_INSTANCE)
    });
}

fn list(call: &Call, params: &Params, state: &State) -> Outcome {
    let owner = owner::from_route(call, params, state)?;
    owner::check_read(call, state, &owner)?;
    let items: Vec<&Property> = state
        .properties
        .iter()
        .filter(|x| x.owner == owner)
        .collect();
    paged(call, items, |x| x.view(state, call))
}

fn create(call: &Call, params: &Params, state: &mut State) -> Outcome {
    let owner = owner::from_route(call, params, state)?;
    crud::post_many_with::<Property>(call, state, |body| owner::fill_body(body, &owner))
}

fn by_key(call: &Call, params: &Params, state: &State) -> Outcome {
    let owner = owner::from_route(call, params, state)?;
    let key = params.get("key");
    let found = state
        .properties
        .iter()
        .find(|x| x.owner == owner && x.key == key)
        .map(|x| x.meta.id);
    let filters = format!("domainIdent={}, key={key}", owner.ident);
    let id = found.ok_or_else(|| Fail::not_found_filters("Property", &filters))?;
    crud::get::<Property>(call, state, Some(id), &id.to_string())
}

/// `GET {annotation|imageinstance}/property/key.json?idProject=&idImage=&user=`: distinct keys.
fn keys(call: &Call, state: &State, class: &str) -> Outcome {
    let project = call.int("idProject")?;
    let image = call.int("idImage")?;
    if let Some(p) = project {
        acl::read_project(call, state, p)?;
    }
    let place = |ident: i64| -> Option<(i64, i64)> {
        if class == owner::IMAGE_INSTANCE {
            state
                .image_instances
                .get(ident)
                .map(|i| (i.project, i.meta.id))
        } else {
            state.annotations.get(ident).map(|a| (a.project, a.image))
        }
    };
    let keys: BTreeSet<&str> = state
        .properties
        .iter()
        .filter(|x| x.owner.class == class)
        .filter(|x| {
            place(x.owner.ident).is_some_and(|(p, i)| {
                project.is_none_or(|w| w == p) && image.is_none_or(|w| w == i)
            })
        })
        .filter(|x| owner::check_read(call, state, &x.owner).is_ok())
        .map(|x| x.key.as_str())
        .collect();
    paged(call, keys.into_iter().collect(), |k| k)
}

/// Store a property on `owner` directly (upload `keys`/`values`, annotation `property` bodies).
pub(crate) fn set(state: &mut State, owner: &DomainRef, key: &str, value: &str, now: i64) -> i64 {
    let meta = state.meta(now);
    state.properties.insert(
        meta.id,
        Property {
            meta,
            owner: owner.clone(),
            key: key.to_owned(),
            value: value.to_owned(),
        },
    );
    meta.id
}

/// The `property` (or `properties`) object of a create body, as properties of the new record.
pub(crate) fn set_from_body(state: &mut State, class: &str, ident: i64, body: &Body, now: i64) {
    let Some(Value::Object(pairs)) = body.get("property").or_else(|| body.get("properties")) else {
        return;
    };
    let owner = DomainRef {
        class: class.to_owned(),
        ident,
    };
    for (key, value) in pairs {
        let value = match value {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        set(state, &owner, key, &value, now);
    }
}

/// Copy the properties of one object onto another.
fn copy(state: &mut State, from: &DomainRef, owner: &DomainRef, now: i64) {
    let pairs: Vec<(String, String)> = state
        .properties
        .iter()
        .filter(|x| &x.owner == from)
        .map(|x| (x.key.clone(), x.value.clone()))
        .collect();
    for (k, v) in pairs {
        set(state, owner, &k, &v, now);
    }
}

impl Domain for Property {
    const CLASS: &'static str = "be.cytomine.domain.meta.Property";
    table_access!(properties);
    fn label(&self) -> String {
        self.key.clone()
    }
    fn view(&self, _st: &State, _call: &Call) -> Value {
        owner::object(
            Self::CLASS,
            &self.meta,
            &self.owner,
            vec![
                ("key", self.key.clone().into()),
                ("value", self.value.clone().into()),
            ],
        )
    }
    fn check_read(&self, call: &Call, state: &State) -> Result<(), Fail> {
        owner::check_read(call, state, &self.owner)
    }
    fn build(call: &Call, state: &State, body: &Body, old: Option<&Self>) -> Result<Self, Fail> {
        let owner = owner::from_body(state, body)?;
        if let Some(o) = old {
            owner::check_write(call, state, &o.owner)?;
        }
        owner::check_write(call, state, &owner)?;
        let key = json::required_text(body, "key")?;
        let value =
            json::text(body, "value").ok_or_else(|| Fail::bad("value must be set! value=null"))?;
        Ok(Property {
            meta: Meta::blank(),
            owner,
            key,
            value,
        })
    }
    fn remove(call: &Call, state: &mut State, id: i64) -> Result<(), Fail> {
        match state.properties.get(id) {
            Some(x) => owner::check_write(call, state, &x.owner),
            None => Ok(()),
        }
    }
}

/// Upload `keys`/`values`: properties of the new abstract image and of its image instances.
pub(crate) fn set_image_properties(
    state: &mut State,
    base: i64,
    instances: &[i64],
    pairs: &[(String, String)],
    now: i64,
) {
    let owners = std::iter::once((owner::ABSTRACT_IMAGE, base))
        .chain(instances.iter().map(|i| (owner::IMAGE_INSTANCE, *i)));
    for (class, ident) in owners {
        let to = DomainRef {
            class: class.to_owned(),
            ident,
        };
        for (k, v) in pairs {
            set(state, &to, k, v, now);
        }
    }
}

/// A new image instance gets a copy of its base image's properties.
pub(crate) fn copy_base_properties(state: &mut State, base: i64, image: i64, now: i64) {
    let from = DomainRef {
        class: owner::ABSTRACT_IMAGE.to_owned(),
        ident: base,
    };
    let to = DomainRef {
        class: owner::IMAGE_INSTANCE.to_owned(),
        ident: image,
    };
    copy(state, &from, &to, now);
}
