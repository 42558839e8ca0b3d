//! Each misuse: its message (house template) and the token it points at.

use super::{errors, single_error};

/// (struct source, a piece of the message, the exact text under the span)
const CASES: &[(&str, &str, &str)] = &[
    (
        r#"#[resource(class = "x.Y")] struct P { #[serde(flatten)] extra: Extra, id: Option<i64> }"#,
        "`#[resource(path)]`: missing, expected a string literal",
        "resource",
    ),
    (
        r#"struct P { #[serde(flatten)] extra: Extra, id: Option<i64> }"#,
        "`#[resource(path)]`: missing",
        "P",
    ),
    (
        r#"#[resource(path = 5)] struct P { #[serde(flatten)] extra: Extra, id: Option<i64> }"#,
        "`#[resource(path)]`: an int value is not accepted here, expected a string literal",
        "5",
    ),
    (
        r#"#[resource(path = "p", pth = "p")] struct P { #[serde(flatten)] extra: Extra, id: Option<i64> }"#,
        "`#[resource(pth)]`: unknown key, expected one of `path`, `class`",
        "pth",
    ),
    (
        r#"#[resource(path = "p", path = "q")] struct P { #[serde(flatten)] extra: Extra, id: Option<i64> }"#,
        "`#[resource(path)]`: given more than once",
        "path",
    ),
    (
        r#"#[resource(path = "")] struct P { #[serde(flatten)] extra: Extra, id: Option<i64> }"#,
        "`#[resource(path)]`: the path is empty, expected a bare resource name",
        r#""""#,
    ),
    (
        r#"#[resource(path = "project.json")] struct P { #[serde(flatten)] extra: Extra, id: Option<i64> }"#,
        "`project.json` ends with `.json`",
        r#""project.json""#,
    ),
    (
        r#"#[resource(path = "/project")] struct P { #[serde(flatten)] extra: Extra, id: Option<i64> }"#,
        "starts or ends with `/`",
        r#""/project""#,
    ),
    (
        r#"#[resource(path = "pro ject")] struct P { #[serde(flatten)] extra: Extra, id: Option<i64> }"#,
        "contains the character ` `",
        r#""pro ject""#,
    ),
    (
        r#"#[resource(path = "p", item = "p/{idd}.json")] struct P { #[serde(flatten)] extra: Extra, id: Option<i64> }"#,
        "`#[resource(item)]`: `{idd}` names no field of `P`, expected one of `{id}`",
        r#""p/{idd}.json""#,
    ),
    (
        r#"#[resource(path = "p", create = "p/{id.json")] struct P { #[serde(flatten)] extra: Extra, id: Option<i64> }"#,
        "`#[resource(create)]`: unclosed `{`",
        r#""p/{id.json""#,
    ),
    (
        r#"#[resource(path = "p", item = "p.json")] struct P { #[serde(flatten)] extra: Extra, id: Option<i64> }"#,
        "`#[resource(item)]`: `p.json` has no placeholder",
        r#""p.json""#,
    ),
    (
        r#"#[resource(path = "p", item = "p/{}.json")] struct P { #[serde(flatten)] extra: Extra, id: Option<i64> }"#,
        "a bare `{}` in `p/{}.json` cannot be filled",
        r#""p/{}.json""#,
    ),
    (
        r#"#[resource(path = "p", list = "p/{id}.json")] struct P { #[serde(flatten)] extra: Extra, id: Option<i64> }"#,
        "`#[resource(list)]`: `p/{id}.json` has placeholders",
        r#""p/{id}.json""#,
    ),
    (
        r#"#[resource(path("p"))] struct P { #[serde(flatten)] extra: Extra, id: Option<i64> }"#,
        "`#[resource(path)]`: a list is not accepted here, expected a string literal",
        "path",
    ),
    (
        r#"#[resource(path = "p", no_batch = "yes")] struct P { #[serde(flatten)] extra: Extra, id: Option<i64> }"#,
        "`#[resource(no_batch)]`: a string value is not accepted here, expected the bare flag `no_batch`",
        r#""yes""#,
    ),
    (
        r#"#[resource(path = "p", filters = "user")] struct P { #[serde(flatten)] extra: Extra, id: Option<i64> }"#,
        "`#[resource(filters)]`: a string value is not accepted here, expected a list of filters",
        r#""user""#,
    ),
    (
        r#"#[resource(path = "p", params)] struct P { #[serde(flatten)] extra: Extra, id: Option<i64> }"#,
        "`#[resource(params)]`: a bare key is not accepted here, expected a list of typed modifiers",
        "params",
    ),
    (
        r#"#[resource(path = "p", crate = "not a path")] struct P { id: Option<i64> }"#,
        "`#[resource(crate)]`: `not a path` is not a path, expected a string literal path",
        r#""not a path""#,
    ),
    (
        r#"#[resource(path = "p", "q")] struct P { #[serde(flatten)] extra: Extra, id: Option<i64> }"#,
        "`#[resource]`: a literal is not a key, expected one of `path`",
        r#""q""#,
    ),
    (
        r#"#[resource(path = pub(crate))] struct P { #[serde(flatten)] extra: Extra, id: Option<i64> }"#,
        "`#[resource(path)]`: this value is not an expression, expected a string literal",
        "pub",
    ),
    (
        r#"#[resource(path = "p", fetch_by(key = pub(crate)))] struct P { #[serde(flatten)] extra: Extra, id: Option<i64> }"#,
        "`#[resource(fetch_by)]`: a lookup template must be a string literal",
        "pub",
    ),
    (
        r#"#[resource] struct P { #[serde(flatten)] extra: Extra, id: Option<i64> }"#,
        "`#[resource]`: the attribute has no list of keys",
        "resource",
    ),
    (
        r#"#[resource(path = "p", refuse(update, update))] struct P { id: Option<i64> }"#,
        "`#[resource(refuse(update))]`: given more than once, expected each key at most once",
        "update",
    ),
    (
        r#"#[resource(path = "p", refuse(update = true))] struct P { id: Option<i64> }"#,
        "`#[resource(refuse(update))]`: a bool value is not accepted here, expected a bare operation name",
        "true",
    ),
    (
        r#"#[resource(path = "p")] struct P { #[serde(flatten)] extra: Extra, #[resource(id, id)] id: Option<i64> }"#,
        "`#[resource(id)]`: given more than once",
        "id",
    ),
    (
        r#"#[resource(path = "p", refuse(frobnicate))] struct P { #[serde(flatten)] extra: Extra, id: Option<i64> }"#,
        "`#[resource(refuse(frobnicate))]`: unknown operation, expected one of `fetch`",
        "frobnicate",
    ),
    (
        r#"#[resource(path = "p", filters(user, user))] struct P { #[serde(flatten)] extra: Extra, id: Option<i64> }"#,
        "`#[resource(filters)]`: `user` is declared twice",
        "user",
    ),
    (
        r#"#[resource(path = "p", params(a: bool, a: i64))] struct P { #[serde(flatten)] extra: Extra, id: Option<i64> }"#,
        "`#[resource(params)]`: `a` is declared twice",
        "a",
    ),
    (
        r#"#[resource(path = "p", filters(user), params(user: bool))] struct P { #[serde(flatten)] extra: Extra, id: Option<i64> }"#,
        "`#[resource(params)]`: `user` is declared twice",
        "user",
    ),
    (
        r#"#[resource(path = "p", filters(fetch))] struct P { #[serde(flatten)] extra: Extra, id: Option<i64> }"#,
        "`#[resource(filters)]`: `fetch` collides with the list method `Query::fetch`",
        "fetch",
    ),
    (
        r#"#[resource(path = "p", params(page_size: u32))] struct P { #[serde(flatten)] extra: Extra, id: Option<i64> }"#,
        "`#[resource(params)]`: `page_size` collides",
        "page_size",
    ),
    (
        r#"#[resource(path = "p", params(when: u8))] struct P { #[serde(flatten)] extra: Extra, id: Option<i64> }"#,
        "`#[resource(params)]`: the type `u8` is not supported, expected one of `bool`",
        "u8",
    ),
    (
        r#"#[resource(path = "p", params(when))] struct P { #[serde(flatten)] extra: Extra, id: Option<i64> }"#,
        "`#[resource(params)]`: cannot read this parameter",
        "",
    ),
    (
        r#"#[resource(path = "p", filters(admin = "project/admin.json"))] struct P { #[serde(flatten)] extra: Extra, id: Option<i64> }"#,
        "`#[resource(filters)]`: `project/admin.json` has no `{}`",
        r#""project/admin.json""#,
    ),
    (
        r#"#[resource(path = "p", filters(admin = "project/{id}/admin.json"))] struct P { #[serde(flatten)] extra: Extra, id: Option<i64> }"#,
        "`{id}` in a filter template cannot be filled",
        r#""project/{id}/admin.json""#,
    ),
    (
        r#"#[resource(path = "p", filter_required)] struct P { #[serde(flatten)] extra: Extra, id: Option<i64> }"#,
        "`#[resource(filter_required)]`: no filter is declared",
        "filter_required",
    ),
    (
        r#"#[resource(path = "p")] enum P { A }"#,
        "`#[derive(Resource)]`: enums are not supported, expected a struct with named fields",
        "enum",
    ),
    (
        r#"#[resource(path = "p")] union P { a: i64 }"#,
        "`#[derive(Resource)]`: unions are not supported",
        "union",
    ),
    (
        r#"#[resource(path = "p")] struct P(Option<i64>);"#,
        "`#[derive(Resource)]`: tuple structs are not supported",
        "(Option<i64>)",
    ),
    (
        r#"#[resource(path = "p")] struct P;"#,
        "`#[derive(Resource)]`: unit structs are not supported",
        "P",
    ),
    (
        r#"#[resource(path = "p")] struct P<T> { #[serde(flatten)] extra: Extra, id: Option<i64>, t: T }"#,
        "`#[derive(Resource)]`: generic parameters are not supported",
        "T",
    ),
    (
        r#"#[resource(path = "p")] struct P { #[serde(flatten)] extra: Extra, name: String }"#,
        "`#[resource(id)]`: `P` has no id field, expected a field `id: Option<i64>`",
        "P",
    ),
    (
        r#"#[resource(path = "p")] struct P { #[serde(flatten)] extra: Extra, id: i64 }"#,
        "`#[resource(id)]`: the id field `id` has type `i64`, expected `Option<i64>`",
        "i64",
    ),
    (
        r#"#[resource(path = "p")] struct P { #[serde(flatten)] extra: Extra, #[resource(ident)] id: Option<i64> }"#,
        "`#[resource(ident)]`: unknown field key, expected one of `id`; did you mean `id`?",
        "ident",
    ),
    (
        r#"#[resource(path = "p", fetch_by(key = "p/key/{kye}.json"))] struct P { #[serde(flatten)] extra: Extra, id: Option<i64>, key: String }"#,
        "`#[resource(fetch_by)]`: `{kye}` names no field of `P`",
        r#""p/key/{kye}.json""#,
    ),
    (
        r#"#[resource(path = "p", fetch_by(key))] struct P { #[serde(flatten)] extra: Extra, id: Option<i64> }"#,
        "`#[resource(fetch_by)]`: a lookup needs its path template",
        "key",
    ),
    (
        r#"#[resource(path = "p", fetch_by(key = "p/{key}/{key}.json"))] struct P { #[serde(flatten)] extra: Extra, id: Option<i64>, key: String }"#,
        "`{key}` appears twice",
        r#""p/{key}/{key}.json""#,
    ),
    (
        r#"#[resource(path = "p", fetch_by(key = "p.json"))] struct P { #[serde(flatten)] extra: Extra, id: Option<i64> }"#,
        "`#[resource(fetch_by)]`: `p.json` has no placeholder",
        r#""p.json""#,
    ),
    (
        r#"#[resource(path = "p", refuse(fetch), fetch_by(key = "p/{id}.json"))] struct P { #[serde(flatten)] extra: Extra, id: Option<i64> }"#,
        "the type has `refuse(fetch)`",
        "key",
    ),
    (
        r#"#[resource(path = "p", multipart(query(nmae)))] struct P { #[serde(flatten)] extra: Extra, id: Option<i64>, name: String }"#,
        "`nmae` names no field of the struct, expected a field name in `query(..)`; did you mean `name`?",
        "nmae",
    ),
    (
        r#"#[resource(path = "p", multipart(prat = "x"))] struct P { #[serde(flatten)] extra: Extra, id: Option<i64> }"#,
        "unknown key `prat`, expected `part = \"..\"` or `query(..)`; did you mean `part`?",
        "prat",
    ),
    (
        r#"#[resource(path = "p", multipart(part = ""))] struct P { #[serde(flatten)] extra: Extra, id: Option<i64> }"#,
        "`` is not a part name",
        r#""""#,
    ),
    (
        r#"#[resource(path = "p", multipart(query(name, name)))] struct P { #[serde(flatten)] extra: Extra, id: Option<i64>, name: String }"#,
        "is sent twice",
        "name",
    ),
    (
        r#"#[resource(path = "p", refuse(create), multipart(query(name)))] struct P { #[serde(flatten)] extra: Extra, id: Option<i64>, name: String }"#,
        "`#[resource(refuse(create))]`: the type declares `multipart(..)`",
        "create",
    ),
    (
        r#"#[resource(path = "p", refuse(list), params(online: bool))] struct P { #[serde(flatten)] extra: Extra, id: Option<i64> }"#,
        "`#[resource(refuse(list))]`: the type has no collection, but `params` describes one",
        "list",
    ),
    (
        r#"#[resource(path = "p", filters(project(query(a, b))))] struct P { #[serde(flatten)] extra: Extra, id: Option<i64> }"#,
        "`query(..)` names 2 key(s) for 1 value(s)",
        "query",
    ),
    (
        r#"#[resource(path = "p", filters(project(query("a b"))))] struct P { #[serde(flatten)] extra: Extra, id: Option<i64> }"#,
        "`a b` is not a query key",
        r#""a b""#,
    ),
    (
        r#"#[resource(path = "p", filters(project(path = "x/{}/p.json", path = "y/{}/p.json")))] struct P { #[serde(flatten)] extra: Extra, id: Option<i64> }"#,
        "`path` is given more than once",
        "path",
    ),
    (
        r#"#[resource(path = "p", filters(project(qeury(a))))] struct P { #[serde(flatten)] extra: Extra, id: Option<i64> }"#,
        "unknown filter key `qeury`, expected `path = \"..\"` or `query(..)`; did you mean `query`?",
        "qeury",
    ),
    (
        r#"#[resource(path = "p", params(page: u32 default -1))] struct P { #[serde(flatten)] extra: Extra, id: Option<i64> }"#,
        "a `u32` default cannot be negative",
        "1",
    ),
    (
        r#"#[resource(path = "p", params(page: u32 dflt 1))] struct P { #[serde(flatten)] extra: Extra, id: Option<i64> }"#,
        "expected `default` or `,`, found `dflt`",
        "dflt",
    ),
];

#[test]
fn each_misuse_has_one_error_on_its_token() {
    for (source, message, span) in CASES {
        let (got_message, got_span) = single_error(source);
        assert!(
            got_message.contains(message),
            "{source}\n  got: {got_message}\n want: {message}"
        );
        if !span.is_empty() {
            assert!(
                got_span.starts_with(span),
                "{source}: {got_message}\n span: {got_span}"
            );
        }
    }
}

#[test]
fn unknown_keys_suggest_the_closest() {
    let (message, _) = single_error(
        r#"#[resource(pth = "p")] struct P { #[serde(flatten)] extra: Extra, id: Option<i64> }"#,
    );
    assert!(message.ends_with("did you mean `path`?"), "{message}");
}

#[test]
fn all_problems_of_an_item_show_at_once() {
    let found = errors(
        r#"#[resource(path = "p.json", item = "p/{nope}.json", filters(fetch, user, user),
                      params(x: u8), refuse(frobnicate))]
           struct P<T> { #[serde(flatten)] extra: Extra, id: i64, t: T }"#,
    );
    let spans: Vec<&str> = found.iter().map(|(_, span)| span.as_str()).collect();
    assert_eq!(spans.len(), 3, "{found:#?}");
    assert!(spans.contains(&"T"), "{found:#?}");
    assert!(spans.contains(&"frobnicate"), "{found:#?}");

    let found = errors(
        r#"#[resource(path = "p.json", item = "p/{nope}.json", filters(fetch, user, user), params(x: u8))]
           struct P { #[serde(flatten)] extra: Extra, id: i64 }"#,
    );
    let spans: Vec<&str> = found.iter().map(|(_, span)| span.as_str()).collect();
    assert_eq!(
        spans,
        vec![
            "i64",
            "\"p.json\"",
            "\"p/{nope}.json\"",
            "fetch",
            "user",
            "u8"
        ],
        "{found:#?}"
    );
}

#[test]
fn an_updatable_type_must_keep_undeclared_attributes() {
    let (message, span) =
        single_error(r#"#[resource(path = "p")] struct Mine { id: Option<i64>, name: String }"#);
    assert!(
        message.starts_with("`#[derive(Resource)]`: `Mine` has no field keeping the attributes"),
        "{message}"
    );
    assert!(
        message.contains("expected a field `#[serde(flatten)] pub extra: cytomine::Extra`")
            && message.contains("or `#[resource(refuse(update))]`"),
        "{message}"
    );
    assert_eq!(span, "Mine");

    // The message names the runtime the type uses.
    let (message, _) = single_error(
        r#"#[resource(path = "p", crate = "::cytomine_core")] struct P { id: Option<i64> }"#,
    );
    assert!(
        message.contains("pub extra: cytomine_core::Extra"),
        "{message}"
    );

    // A flattened map of another type, or an `Extra` without `flatten`, keeps nothing.
    for field in [
        "#[serde(flatten)] extra: std::collections::HashMap<String, i64>",
        "extra: cytomine::Extra",
        "#[serde(default)] extra: cytomine::Extra",
    ] {
        let source = format!(r#"#[resource(path = "p")] struct P {{ id: Option<i64>, {field} }}"#);
        assert!(
            single_error(&source).0.contains("no field keeping"),
            "{field}"
        );
    }
}

#[test]
fn the_extra_field_or_refusing_update_is_enough() {
    for source in [
        r#"#[resource(path = "p")] struct P { id: Option<i64>, #[serde(flatten)] pub extra: ::cytomine::Extra }"#,
        r#"#[resource(path = "p")] struct P { id: Option<i64>, #[serde(default, flatten)] extra: Extra }"#,
        r#"#[resource(path = "p", refuse(update))] struct P { id: Option<i64> }"#,
        r#"#[resource(path = "p")] struct P { id: Option<i64>, #[serde(flatten)] more: serde_json::Map<String, serde_json::Value> }"#,
    ] {
        let input: syn::DeriveInput = syn::parse_str(source).unwrap();
        assert!(crate::validate::validate(&input).is_ok(), "{source}");
    }
}
