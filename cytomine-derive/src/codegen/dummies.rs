//! On error, stub impls next to the errors (clap_derive's idea), so that the user's following
//! code (`Project::list()`, `p.save(&cm)`) adds no cascade of "trait not implemented" errors.
//! They are never run: the compile fails on the errors emitted with them.

use proc_macro2::TokenStream;
use quote::quote;
use syn::{DeriveInput, Ident, Path};

use crate::codegen::list::wrapper;
use crate::codegen::list_ident;

/// Stub `Resource` and capability impls, a stub list type, and builder methods that accept
/// anything for the filter and param names that could be read.
pub(crate) fn dummies(input: &DeriveInput, root: &Path, methods: &[Ident]) -> TokenStream {
    // A generic type would need its parameters repeated; a union can never derive serde's
    // traits, so stub impls would only add errors.
    if !input.generics.params.is_empty() || matches!(input.data, syn::Data::Union(_)) {
        return TokenStream::new();
    }
    let ident = &input.ident;
    let list = list_ident(ident);
    let doc = format!("List query for [`{ident}`] (placeholder: `#[derive(Resource)]` failed).");
    let wrapper = wrapper(&input.vis, ident, &list, root, &doc, &TokenStream::new());
    let vis = &input.vis;
    quote! {
        impl #root::Resource for #ident {
            const PATH: &'static str = "";
            const ENVELOPE_KEY: &'static str = "";
            const CLASS_NAME: ::core::option::Option<&'static str> = ::core::option::Option::None;
            const CREATE_PATH: &'static str = "";
            const ITEM_PATH: &'static str = "";
            const KEY_NAMES: &'static [&'static str] = &[];
            const LIST_PATH: &'static str = "";
            const FILTERS: &'static [#root::Filter] = &[];
            const FILTER_REQUIRED: bool = false;
            const OPERATIONS: #root::Operations = #root::Operations {
                fetch: true, create: true, update: true, delete: true, list: true,
            };
            type Key = i64;
            type List = #list;
            fn id(&self) -> ::core::option::Option<i64> {
                ::core::option::Option::None
            }
            fn set_id(&mut self, _: ::core::option::Option<i64>) {}
            fn path_param(&self, _: &str) -> ::core::option::Option<::std::string::String> {
                ::core::option::Option::None
            }
        }
        impl #root::Fetch for #ident {}
        impl #root::Create for #ident {}
        impl #root::Update for #ident {}
        impl #root::Delete for #ident {}
        impl #root::Listable for #ident {}
        #wrapper
        impl #list {
            #(
                #[doc = "Placeholder builder method."]
                #[allow(unused_variables)]
                #vis fn #methods<T>(self, value: T) -> Self {
                    self
                }
            )*
        }
    }
}
