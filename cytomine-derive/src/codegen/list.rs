//! The typed list builder `<Name>List`: a newtype over `ListQuery<Name>` with one method per
//! filter and per query modifier.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::{Ident, Path, Visibility};

use crate::codegen::list_ident;
use crate::model::{FilterModel, Model, ParamKind, ParamModel};

/// The list type of a valid resource, with its docs, `Query` impl and builder methods.
pub(crate) fn list_type(model: &Model) -> TokenStream {
    // The list type is defined "at" the declared filters: calling an undeclared one (E0599) then
    // shows the `filters(..)` line as where the type comes from ("method not found for this
    // struct"), so the error names the filters there are.
    let list = match model.filters.first() {
        Some(first) => Ident::new(&list_ident(&model.ident).to_string(), first.name.span()),
        None => list_ident(&model.ident),
    };
    let root = &model.root;
    let bound = crate::codegen::serde_bound(model);
    let wrapper = wrapper(
        &model.vis,
        &model.ident,
        &list,
        root,
        &list_doc(model),
        &bound,
    );
    let filters = model.filters.iter().map(|f| filter_method(f, &model.vis));
    let params = model
        .params
        .iter()
        .map(|p| param_method(p, &model.vis, root));
    quote! {
        #wrapper
        impl #list #bound {
            #(#filters)*
            #(#params)*
        }
    }
}

/// The newtype and its `Query` impl; shared with the dummies emitted on error.
pub(crate) fn wrapper(
    vis: &Visibility,
    ident: &Ident,
    list: &Ident,
    root: &Path,
    doc: &str,
    bound: &TokenStream,
) -> TokenStream {
    // Defined where `list` is spanned: the struct's own span is what "method not found for this
    // struct" shows.
    let span = list.span();
    let vis: TokenStream = quote::ToTokens::to_token_stream(vis)
        .into_iter()
        .map(|mut token| {
            token.set_span(span);
            token
        })
        .collect();
    let definition = quote::quote_spanned! {span=>
        #[doc = #doc]
        #[derive(::core::fmt::Debug, ::core::clone::Clone)]
        #vis struct #list(#root::ListQuery<#ident>);
    };
    quote! {
        #definition
        impl #root::Query for #list #bound {
            type Resource = #ident;
            fn from_query(query: #root::ListQuery<#ident>) -> Self {
                Self(query)
            }
            fn into_query(self) -> #root::ListQuery<#ident> {
                self.0
            }
            fn as_query(&self) -> &#root::ListQuery<#ident> {
                &self.0
            }
        }
    }
}

fn list_doc(model: &Model) -> String {
    let ident = &model.ident;
    let mut doc = format!(
        "Typed list query for [`{ident}`], from `{ident}::list()`: `GET /api/{}`.\n",
        model.list
    );
    if model.filter_required {
        doc.push_str("\nA filter is required: the unfiltered list cannot be fetched.\n");
    }
    if model.filters.is_empty() {
        doc.push_str("\nFilters: none.\n");
    } else {
        doc.push_str("\nFilters (at most one at a time; also in `FILTERS`):\n");
        for filter in &model.filters {
            doc.push_str(&format!(
                "- `{}`: `GET /api/{}`\n",
                filter.name, filter.template
            ));
        }
    }
    if !model.params.is_empty() {
        doc.push_str("\nQuery modifiers:\n");
        for param in &model.params {
            let ty = param.kind.describe();
            doc.push_str(&format!(
                "- `{}` (`{ty}`): `?{}=...`\n",
                param.name, param.wire
            ));
        }
    }
    doc
}

fn filter_method(filter: &FilterModel, vis: &Visibility) -> TokenStream {
    let method = &filter.name;
    let name = method.to_string();
    let doc = format!("Filter `{name}`: `GET /api/{}`.", filter.template);
    if filter.arity == 1 {
        return quote! {
            #[doc = #doc]
            #vis fn #method(self, id: i64) -> Self {
                Self(self.0.filter(#name, id))
            }
        };
    }
    let args: Vec<Ident> = (1..=filter.arity)
        .map(|i| format_ident!("part{}", i))
        .collect();
    quote! {
        #[doc = #doc]
        #[doc = ""]
        #[doc = "Each argument fills one `{}` of the template, in order."]
        #vis fn #method(self, #(#args: impl ::std::string::ToString),*) -> Self {
            Self(self.0.filter_parts(#name, ::std::vec![#(#args.to_string()),*]))
        }
    }
}

fn param_method(param: &ParamModel, vis: &Visibility, root: &Path) -> TokenStream {
    let method = &param.name;
    let wire = &param.wire;
    let doc = format!("Query modifier `{wire}` (`{}`).", param.kind.describe());
    let (arg, value) = match &param.kind {
        ParamKind::Plain(ty) => (quote!(#ty), quote!(value)),
        ParamKind::Unsigned64 => (
            quote!(u64),
            quote!(::std::string::ToString::to_string(&value)),
        ),
        ParamKind::Text => (
            quote!(impl ::core::convert::Into<::std::string::String>),
            quote!(::core::convert::Into::<::std::string::String>::into(value)),
        ),
        ParamKind::IdList => (
            quote!(impl ::core::iter::IntoIterator<Item = i64>),
            quote!(#root::QueryValue::list(value)),
        ),
        ParamKind::TextList => (
            quote!(
                impl ::core::iter::IntoIterator<
                    Item = impl ::core::convert::Into<::std::string::String>,
                >
            ),
            quote!(#root::QueryValue::list(
                ::core::iter::Iterator::map(
                    ::core::iter::IntoIterator::into_iter(value),
                    ::core::convert::Into::<::std::string::String>::into,
                )
            )),
        ),
    };
    quote! {
        #[doc = #doc]
        #vis fn #method(self, value: #arg) -> Self {
            Self(self.0.param(#wire, #value))
        }
    }
}
