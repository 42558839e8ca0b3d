//! Checks on the item itself: a struct with named fields, no generics, one `Option<i64>` id field.

use proc_macro2::Span;
use syn::{Data, DeriveInput, Fields, GenericArgument, Ident, PathArguments, Type};

use crate::diagnostics::{misuse, shape_error};
use crate::parse::FieldAttrs;

const NAMED: &str =
    "a struct with named fields, like `struct Project { id: Option<i64>, name: String }`";

/// One named field, whether it carries `#[resource(id)]`, and whether it keeps the attributes
/// the type does not declare.
pub(crate) struct FieldInfo {
    pub ident: Ident,
    pub ty: Type,
    pub marked_id: Option<Span>,
    /// `#[serde(flatten)]` on a type whose path ends in `Extra`.
    pub keeps_unknown: bool,
}

/// The named fields of the struct, or an error on the `enum`/`union` keyword or the fields.
pub(crate) fn named_fields(input: &DeriveInput) -> darling::Result<Vec<FieldInfo>> {
    let fields = match &input.data {
        Data::Struct(data) => match &data.fields {
            Fields::Named(named) => &named.named,
            Fields::Unnamed(unnamed) => {
                return Err(shape_error(
                    unnamed,
                    "tuple structs are not supported",
                    NAMED,
                ))
            }
            Fields::Unit => {
                return Err(shape_error(
                    &input.ident,
                    "unit structs are not supported",
                    NAMED,
                ))
            }
        },
        Data::Enum(data) => {
            return Err(shape_error(
                &data.enum_token,
                "enums are not supported",
                NAMED,
            ))
        }
        Data::Union(data) => {
            return Err(shape_error(
                &data.union_token,
                "unions are not supported",
                NAMED,
            ))
        }
    };
    let mut errors = darling::Error::accumulator();
    let infos = fields
        .iter()
        .filter_map(|field| {
            let ident = field.ident.clone()?;
            let attrs = errors.handle(FieldAttrs::read(field))?;
            Some(FieldInfo {
                ident,
                ty: field.ty.clone(),
                marked_id: attrs.id.is_present().then(|| attrs.id.span()),
                keeps_unknown: keeps_unknown(field),
            })
        })
        .collect();
    errors.finish_with(infos)
}

/// Whether `field` keeps every attribute the type does not declare: `#[serde(flatten)]` on a
/// type whose path ends in `Extra` (`cytomine::Extra`, or a re-export of it), or on a map of
/// JSON values (`serde_json::Map<String, Value>`, `HashMap<String, Value>`, `BTreeMap<..>`).
fn keeps_unknown(field: &syn::Field) -> bool {
    let Type::Path(path) = &field.ty else {
        return false;
    };
    let Some(last) = path.path.segments.last() else {
        return false;
    };
    let json_map = ["Map", "HashMap", "BTreeMap"]
        .iter()
        .any(|m| last.ident == m)
        && match &last.arguments {
            PathArguments::AngleBracketed(args) => args.args.last().is_some_and(|arg| {
                matches!(arg, GenericArgument::Type(Type::Path(value))
                    if value.path.segments.last().is_some_and(|s| s.ident == "Value"))
            }),
            _ => false,
        };
    (last.ident == "Extra" || json_map) && field.attrs.iter().any(is_serde_flatten)
}

/// `#[serde(.., flatten, ..)]`.
fn is_serde_flatten(attr: &syn::Attribute) -> bool {
    if !attr.path().is_ident("serde") {
        return false;
    }
    let metas = attr.parse_args_with(
        syn::punctuated::Punctuated::<syn::Meta, syn::Token![,]>::parse_terminated,
    );
    metas.is_ok_and(|metas| metas.iter().any(|meta| meta.path().is_ident("flatten")))
}

/// Updating sends the whole object and the server rebuilds it from what it receives: a type
/// without a field keeping the attributes it does not declare would reset them. Such a type
/// must keep them (`extra`) or refuse updates.
pub(crate) fn keeps_unknown_for_update(
    fields: &[FieldInfo],
    ident: &Ident,
    root: &syn::Path,
) -> darling::Result<()> {
    if fields.iter().any(|f| f.keeps_unknown) {
        return Ok(());
    }
    let root = quote::quote!(#root).to_string().replace(' ', "");
    let root = root.trim_start_matches("::");
    Err(shape_error(
        ident,
        format!(
            "`{ident}` has no field keeping the attributes it does not declare, so an update \
             would send only its own fields and the server would reset every other attribute"
        ),
        format!(
            "a field `#[serde(flatten)] pub extra: {root}::Extra` (sent back on update), or \
             `#[resource(refuse(update))]` for a type that is never updated"
        ),
    ))
}

/// Generic parameters (and where clauses) are refused: a resource is one concrete type.
pub(crate) fn no_generics(input: &DeriveInput) -> darling::Result<()> {
    let generics = &input.generics;
    if !generics.params.is_empty() {
        return Err(shape_error(
            &generics.params,
            "generic parameters are not supported",
            "a concrete struct; wrap a generic type in a concrete one instead",
        ));
    }
    if let Some(clause) = &generics.where_clause {
        return Err(shape_error(
            clause,
            "where clauses are not supported",
            "a concrete struct without bounds",
        ));
    }
    Ok(())
}

/// The id field: the one marked `#[resource(id)]`, else the one named `id`; it must be an
/// `Option<i64>`.
pub(crate) fn id_field(fields: &[FieldInfo], ident: &Ident) -> darling::Result<Ident> {
    let mut marked = fields.iter().filter(|f| f.marked_id.is_some());
    let first_marked = marked.next();
    if let Some(second) = marked.next() {
        let span = second.marked_id.unwrap_or_else(|| second.ident.span());
        return Err(crate::diagnostics::misuse_span(
            span,
            "id",
            "a second field is marked as the id",
            format!(
                "exactly one id field (`{}` is already marked)",
                first_marked.map_or_else(String::new, |f| f.ident.to_string())
            ),
        ));
    }
    let chosen = first_marked.or_else(|| fields.iter().find(|f| f.ident == "id"));
    let Some(field) = chosen else {
        return Err(misuse(
            ident,
            "id",
            format!("`{ident}` has no id field"),
            "a field `id: Option<i64>` or a field marked `#[resource(id)]`",
        ));
    };
    if !is_option_i64(&field.ty) {
        return Err(misuse(
            &field.ty,
            "id",
            format!(
                "the id field `{}` has type `{}`",
                field.ident,
                type_text(&field.ty)
            ),
            "`Option<i64>` (`None` until the server assigns an id)",
        ));
    }
    Ok(field.ident.clone())
}

/// The type's tokens without spaces, e.g. `Option<i64>`.
pub(crate) fn type_text(ty: &Type) -> String {
    quote::quote!(#ty).to_string().replace(' ', "")
}

fn is_option_i64(ty: &Type) -> bool {
    let text = type_text(ty);
    let text = text
        .trim_start_matches("::")
        .trim_start_matches("std::option::")
        .trim_start_matches("core::option::");
    text == "Option<i64>"
}

/// `T` for `Option<T>`, else the type itself: the type a path placeholder takes in a key.
pub(crate) fn option_inner(ty: &Type) -> &Type {
    let Type::Path(path) = ty else { return ty };
    let Some(last) = path.path.segments.last() else {
        return ty;
    };
    if last.ident != "Option" {
        return ty;
    }
    match &last.arguments {
        PathArguments::AngleBracketed(args) if args.args.len() == 1 => match args.args.first() {
            Some(GenericArgument::Type(inner)) => inner,
            _ => ty,
        },
        _ => ty,
    }
}
