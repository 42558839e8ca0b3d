//! `impl Resource for T`: the static facts.

use proc_macro2::TokenStream;
use quote::quote;

use crate::codegen::list_ident;
use crate::model::Model;

/// The `Resource` impl of a valid type.
pub(crate) fn resource_impl(model: &Model) -> TokenStream {
    let Model {
        ident,
        root,
        path,
        envelope,
        create,
        item,
        list,
        key_names,
        key_type,
        id_field,
        filter_required,
        batch_create,
        ..
    } = model;
    let class = match &model.class {
        Some(class) => quote!(::core::option::Option::Some(#class)),
        None => quote!(::core::option::Option::None),
    };
    let filters = model.filters.iter().map(|filter| {
        let name = filter.name.to_string();
        let template = &filter.template;
        quote!(#root::Filter { name: #name, path: #template })
    });
    let ops = model.operations;
    let (fetch, create_op, update, delete) = (ops.fetch, ops.create, ops.update, ops.delete);
    let list_type = list_ident(ident);
    let lookups = model
        .path_fields
        .iter()
        .map(|(name, field)| quote!(#name => #root::PathValue::path_value(&self.#field)));
    quote! {
        impl #root::Resource for #ident {
            const PATH: &'static str = #path;
            const ENVELOPE_KEY: &'static str = #envelope;
            const CLASS_NAME: ::core::option::Option<&'static str> = #class;
            const CREATE_PATH: &'static str = #create;
            const ITEM_PATH: &'static str = #item;
            const KEY_NAMES: &'static [&'static str] = &[#(#key_names),*];
            const LIST_PATH: &'static str = #list;
            const FILTERS: &'static [#root::Filter] = &[#(#filters),*];
            const FILTER_REQUIRED: bool = #filter_required;
            const BATCH_CREATE: bool = #batch_create;
            const OPERATIONS: #root::Operations = #root::Operations {
                fetch: #fetch,
                create: #create_op,
                update: #update,
                delete: #delete,
            };
            type Key = #key_type;
            type List = #list_type;
            fn id(&self) -> ::core::option::Option<i64> {
                self.#id_field
            }
            fn set_id(&mut self, id: ::core::option::Option<i64>) {
                self.#id_field = id;
            }
            fn path_param(&self, name: &str) -> ::core::option::Option<::std::string::String> {
                match name {
                    #(#lookups,)*
                    _ => ::core::option::Option::None,
                }
            }
        }
    }
}
